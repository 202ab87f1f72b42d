using AiOps.Contracts.Pipeline;
using AiOps.Core.Pipeline;
using AiOps.Core.Storage;

namespace AiOps.Core.Correlation;

/// <summary>
/// What one write of a <see cref="CorrelationState"/> changed: the large, growing parts (fingerprints, firing
/// alerts, correlated ids) as their changes, the small ones whole.
/// </summary>
[GenerateSerializer, Alias("aiops.correlation-changes.v1")]
public sealed class CorrelationChanges
{
    [Id(0)] public List<IncidentWindow> Windows { get; set; } = [];
    [Id(1)] public required MapChanges<SeenFingerprint> Fingerprints { get; set; }
    [Id(2)] public Dictionary<string, Suppression> Suppressions { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<CorrelationCandidate> Pending { get; set; } = [];
    [Id(4)] public DateTimeOffset Watermark { get; set; }
    [Id(5)] public required RecentIdsChanges Correlated { get; set; }
    [Id(6)] public Dictionary<string, ClosedIncident> Closed { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public required MapChanges<string> AlertIncidents { get; set; }
    [Id(8)] public Dictionary<string, SavedDecision> Undelivered { get; set; } = new(StringComparer.Ordinal);
}
