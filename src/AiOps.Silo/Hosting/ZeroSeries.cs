using AiOps.Grains.Monitoring;
using AiOps.Insight;

namespace AiOps.Silo.Hosting;

/// <summary>
/// At start, once the metrics exporter listens, exports the SLO rules' counters at zero (the latency histograms
/// are added empty by <see cref="EmptyHistogramsMiddleware"/>). An API-only front end runs no Insight Path, so it
/// has no insight metrics to export.
/// </summary>
public sealed class ZeroSeries(FastPathMetrics metrics, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ExportZeroes();
        if (services.GetService<InsightMetrics>() is not { } insight)
        {
            return Task.CompletedTask;
        }

        insight.LlmCalls.Add(0, new KeyValuePair<string, object?>("result", "success"));
        foreach (var result in new[] { "hit", "miss" })
        {
            insight.Cache.Add(0, new KeyValuePair<string, object?>("result", result));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
