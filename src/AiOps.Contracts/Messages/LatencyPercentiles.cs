namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.latency-percentiles.v3")]
public sealed record LatencyPercentiles(
    [property: Id(0)] double? P50,
    [property: Id(1)] double? P95,
    [property: Id(2)] double? P99)
{
    public static LatencyPercentiles NotMeasured { get; } = new(null, null, null);
}
