namespace AiOps.Contracts.Messages;

/// <summary>The answer of <c>GET /api/v3/stats</c>. A figure that was not measured is null.</summary>
[GenerateSerializer, Immutable, Alias("aiops.stats-snapshot.v3")]
public sealed record StatsSnapshot
{
    [Id(0)] public required string TimeRange { get; init; }
    [Id(1)] public required StatsCounts Counts { get; init; }
    [Id(2)] public required IReadOnlyDictionary<string, int> BySeverity { get; init; }
    [Id(3)] public required IReadOnlyDictionary<string, int> ByType { get; init; }
    [Id(4)] public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
    [Id(5)] public required LatencyPercentiles FastPathMs { get; init; }
    [Id(6)] public required LatencyPercentiles InsightPathMs { get; init; }
    [Id(7)] public double? LlmCacheHitRate { get; init; }
}
