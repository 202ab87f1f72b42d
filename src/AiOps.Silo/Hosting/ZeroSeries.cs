using AiOps.Grains.Monitoring;

namespace AiOps.Silo.Hosting;

/// <summary>At start, once the metrics exporter listens, exports the SLO rules' counters at zero.</summary>
public sealed class ZeroSeries(FastPathMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ExportZeroes();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
