namespace AiOps.Contracts.Pipeline;

[GenerateSerializer, Immutable, Alias("aiops.trace-stage.v1")]
public sealed record TraceStage(
    [property: Id(0)] string Stage,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Status,
    [property: Id(3)] string? Error = null);
