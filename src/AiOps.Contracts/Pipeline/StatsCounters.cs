namespace AiOps.Contracts.Pipeline;

/// <summary>
/// Counts of one time bucket. Latencies are kept as histogram bucket index to count (see
/// <c>LatencyHistogram</c> in AiOps.Core) so buckets merge exactly across silos and minutes.
/// </summary>
[GenerateSerializer, Alias("aiops.stats-counters.v1")]
public sealed class StatsCounters
{
    [Id(0)] public long Logs { get; set; }
    [Id(1)] public long Metrics { get; set; }
    [Id(2)] public long Anomalies { get; set; }
    [Id(3)] public long Duplicates { get; set; }
    [Id(4)] public long Suppressions { get; set; }
    [Id(5)] public long IncidentsOpened { get; set; }
    [Id(6)] public Dictionary<int, long> FastPathLatency { get; set; } = [];
    [Id(7)] public long Processed { get; set; }
    [Id(8)] public Dictionary<int, long> InsightLatency { get; set; } = [];
    [Id(9)] public long LlmCacheHits { get; set; }
    [Id(10)] public long LlmCacheMisses { get; set; }
    [Id(11)] public long LlmCalls { get; set; }
    [Id(12)] public long LlmFailures { get; set; }
    [Id(13)] public long InsightFallbacks { get; set; }

    /// <summary>Anomalies an operator's silence kept from opening or joining an incident.</summary>
    [Id(14)] public long Silenced { get; set; }
}
