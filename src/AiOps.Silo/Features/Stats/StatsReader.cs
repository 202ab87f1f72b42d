using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Core.Stats;
using AiOps.Infrastructure.Stats;

namespace AiOps.Silo.Features.Stats;

/// <summary>Builds the stats answer from the day grains' counters and the incident index.</summary>
public sealed class StatsReader(IGrainFactory grains, IIncidentIndex index, StatsFlusher flusher, TimeProvider clock)
{
    public async Task<StatsSnapshot> ReadAsync(string timeRange, int hours)
    {
        await flusher.FlushAsync();
        var now = clock.GetUtcNow();
        var from = now.AddHours(-hours);
        var firstMinute = StatsAccumulator.MinuteOf(from);
        var lastMinute = StatsAccumulator.MinuteOf(now);
        var sums = new List<Task<StatsCounters>>();
        for (var day = firstMinute / 1440; day <= lastMinute / 1440; day++)
        {
            var dayStart = day * 1440;
            var fromMinute = (int)Math.Max(firstMinute - dayStart, 0);
            var toMinute = (int)Math.Min(lastMinute - dayStart, 1439);
            sums.Add(grains.GetGrain<IStatsDayGrain>(StatsFlusher.DayKey(day)).SumAsync(fromMinute, toMinute));
        }

        var total = new StatsCounters();
        foreach (var sum in await Task.WhenAll(sums))
        {
            StatsMath.Add(total, sum);
        }

        var incidents = await index.BreakdownAsync(from);
        return new StatsSnapshot
        {
            TimeRange = timeRange,
            Counts = new StatsCounts(total.Logs, total.Metrics, total.Anomalies, incidents.Total, total.Duplicates, total.Suppressions, total.Silenced),
            BySeverity = incidents.BySeverity,
            ByType = incidents.ByType,
            ByStatus = incidents.ByStatus,
            FastPathMs = new LatencyPercentiles(
                LatencyHistogram.Percentile(total.FastPathLatency, 0.50),
                LatencyHistogram.Percentile(total.FastPathLatency, 0.95),
                LatencyHistogram.Percentile(total.FastPathLatency, 0.99)),
            InsightPathMs = new LatencyPercentiles(
                LatencyHistogram.Percentile(total.InsightLatency, 0.50),
                LatencyHistogram.Percentile(total.InsightLatency, 0.95),
                LatencyHistogram.Percentile(total.InsightLatency, 0.99)),
            // Null until a cache lookup happened: a rate of nothing is not 0.
            LlmCacheHitRate = total.LlmCacheHits + total.LlmCacheMisses == 0
                ? null
                : Math.Round(total.LlmCacheHits / (double)(total.LlmCacheHits + total.LlmCacheMisses), 4),
        };
    }
}
