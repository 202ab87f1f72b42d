using AiOps.Core.Correlation;

namespace AiOps.Core.Tests.Correlation;

/// <summary>The fields of <see cref="CorrelationState"/> as states were written before its maps were tracked.</summary>
[GenerateSerializer, Alias("aiops.tests.correlation-state-before-tracking")]
public sealed class CorrelationStateBeforeTracking
{
    [Id(1)] public Dictionary<string, SeenFingerprint> Fingerprints { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public DateTimeOffset Watermark { get; set; }
    [Id(7)] public Dictionary<string, string> AlertIncidents { get; set; } = new(StringComparer.Ordinal);
}
