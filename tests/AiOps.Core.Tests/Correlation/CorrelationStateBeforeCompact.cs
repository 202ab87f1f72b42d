using AiOps.Core.Correlation;
using AiOps.Core.Pipeline;
using AiOps.Core.Storage;
using AiOps.Core.Tests.Pipeline;

namespace AiOps.Core.Tests.Correlation;

/// <summary>
/// The fields of <see cref="CorrelationState"/> and <see cref="CorrelationChanges"/> as the Orleans serializer wrote
/// them before the fingerprints, firing alerts, undelivered decisions and correlated ids had the compact format.
/// </summary>
[GenerateSerializer, Alias("aiops.tests.correlation-state-before-compact")]
public sealed class CorrelationStateBeforeCompact
{
    [Id(5)] public RecentIdsBeforeCompact Correlated { get; set; } = new();
    [Id(8)] public Dictionary<string, SavedDecision> Undelivered { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public TrackedMap<SeenFingerprint> Fingerprints { get; set; } = new();
    [Id(10)] public TrackedMap<string> AlertIncidents { get; set; } = new();
}

[GenerateSerializer, Alias("aiops.tests.correlation-changes-before-compact")]
public sealed class CorrelationChangesBeforeCompact
{
    [Id(1)] public MapChanges<SeenFingerprint> Fingerprints { get; set; } = new();
    [Id(5)] public RecentIdsChanges Correlated { get; set; } = new([], 0);
    [Id(7)] public MapChanges<string> AlertIncidents { get; set; } = new();
    [Id(8)] public Dictionary<string, SavedDecision> Undelivered { get; set; } = new(StringComparer.Ordinal);
}
