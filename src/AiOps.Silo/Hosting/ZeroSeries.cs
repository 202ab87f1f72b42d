using AiOps.Grains.Monitoring;
using AiOps.Insight;

namespace AiOps.Silo.Hosting;

/// <summary>
/// At start, once the metrics exporter listens, exports the SLO rules' counters at zero (the latency histograms
/// are added empty by <see cref="EmptyHistogramsMiddleware"/>).
/// </summary>
public sealed class ZeroSeries(FastPathMetrics metrics, InsightMetrics insight) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ExportZeroes();
        insight.LlmCalls.Add(0, new KeyValuePair<string, object?>("result", "success"));
        foreach (var result in new[] { "hit", "miss" })
        {
            insight.Cache.Add(0, new KeyValuePair<string, object?>("result", result));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
