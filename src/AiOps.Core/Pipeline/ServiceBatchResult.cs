using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Pipeline;

/// <summary>What one batch produced: anomalies for correlation, and the events that were normal.</summary>
public sealed record ServiceBatchResult(
    IReadOnlyList<CorrelationCandidate> Candidates,
    IReadOnlyList<NormalEvent> NormalEvents,
    int Processed)
{
    /// <summary>Firing alerts that ended in this batch, for their incidents to hear of.</summary>
    public IReadOnlyList<Alerts.ResolvedAlert> ResolvedAlerts { get; init; } = [];

    /// <summary>Repeats of alerts already firing: recognised by fingerprint, not new anomalies.</summary>
    public int AlertRepeats { get; init; }
}
