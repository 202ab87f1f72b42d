using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>An enriched anomaly on its way to correlation, with the stage times its trace needs.</summary>
[GenerateSerializer, Immutable, Alias("aiops.correlation-candidate.v1")]
public sealed record CorrelationCandidate
{
    [Id(0)] public required AnomalyEnriched Anomaly { get; init; }
    [Id(1)] public required string IncidentType { get; init; }
    [Id(2)] public required DateTimeOffset IngestedAt { get; init; }
    [Id(3)] public required DateTimeOffset DetectedAt { get; init; }
    [Id(4)] public required DateTimeOffset EnrichedAt { get; init; }
}
