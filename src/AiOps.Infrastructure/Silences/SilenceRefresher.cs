using AiOps.Core.Policy;
using AiOps.Grains.Silences;
using Microsoft.Extensions.Hosting;

namespace AiOps.Infrastructure.Silences;

/// <summary>Refreshes this silo's silence snapshot and hands back its match counts every <c>silences.refresh_sec</c>, and once more on the way down.</summary>
public sealed class SilenceRefresher(SilenceCache cache, PolicyRuntime policy, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(policy.Fleet.Correlate.Silences.RefreshSec), clock, stoppingToken);
                await cache.RefreshAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }

        await cache.RefreshAsync();
    }
}
