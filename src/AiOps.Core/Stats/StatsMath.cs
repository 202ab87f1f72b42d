using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Stats;

public static class StatsMath
{
    public static void Add(StatsCounters into, StatsCounters from)
    {
        into.Logs += from.Logs;
        into.Metrics += from.Metrics;
        into.Processed += from.Processed;
        into.Anomalies += from.Anomalies;
        into.Duplicates += from.Duplicates;
        into.Suppressions += from.Suppressions;
        into.Silenced += from.Silenced;
        into.IncidentsOpened += from.IncidentsOpened;
        LatencyHistogram.Merge(into.FastPathLatency, from.FastPathLatency);
        LatencyHistogram.Merge(into.InsightLatency, from.InsightLatency);
        into.LlmCacheHits += from.LlmCacheHits;
        into.LlmCacheMisses += from.LlmCacheMisses;
        into.LlmCalls += from.LlmCalls;
        into.LlmFailures += from.LlmFailures;
        into.InsightFallbacks += from.InsightFallbacks;
    }
}
