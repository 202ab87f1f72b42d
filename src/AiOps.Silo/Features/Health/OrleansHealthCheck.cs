using AiOps.Contracts.Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary>Ready when a grain call completes: the silo is up and its storage answers.</summary>
public sealed class OrleansHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private const string ProbeKey = "health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // An incident that never exists: activating it reads grain storage, and nothing is written.
            var probe = grains.GetGrain<IIncidentGrain>(ProbeKey).GetAsync();
            await probe.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy("silo answers grain calls");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"silo does not answer: {e.GetType().Name}: {e.Message}");
        }
    }
}
