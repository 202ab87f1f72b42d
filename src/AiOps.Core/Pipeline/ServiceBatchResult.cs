using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Pipeline;

/// <summary>What one batch produced: anomalies for correlation, and the events that were normal.</summary>
public sealed record ServiceBatchResult(
    IReadOnlyList<CorrelationCandidate> Candidates,
    IReadOnlyList<NormalEvent> NormalEvents,
    int Processed);
