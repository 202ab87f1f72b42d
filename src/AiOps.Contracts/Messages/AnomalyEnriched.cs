namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.anomaly-enriched.v3")]
public sealed record AnomalyEnriched : AnomalyDetected
{
    [Id(0)] public required AnomalyContext Context { get; init; }
    [Id(1)] public required Severity Severity { get; init; }
    [Id(2)] public IReadOnlyList<string> Tags { get; init; } = [];
}
