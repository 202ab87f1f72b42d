namespace AiOps.Contracts.Messages;

/// <summary>What the service already knew when an anomaly arrived (the enrichment context).</summary>
[GenerateSerializer, Immutable, Alias("aiops.anomaly-context.v3")]
public sealed record AnomalyContext
{
    [Id(0)] public int SimilarCount1h { get; init; }
    [Id(1)] public int SimilarCount24h { get; init; }
    [Id(2)] public double? MetricP50 { get; init; }
    [Id(3)] public double? MetricP95 { get; init; }
    [Id(4)] public int? TopErrorRank { get; init; }
    [Id(5)] public DateTimeOffset? LastIncidentTs { get; init; }
    [Id(6)] public DeviceInfo? Device { get; init; }

    public static AnomalyContext Empty { get; } = new();
}
