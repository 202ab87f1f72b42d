namespace AiOps.Contracts.Pipeline;

[GenerateSerializer, Immutable, Alias("aiops.incident-change-result.v1")]
public sealed record IncidentChangeResult(
    [property: Id(0)] DateTimeOffset AppliedAt,
    [property: Id(1)] bool Created,
    [property: Id(2)] IncidentStatus Status);
