using AiOps.Core.Incidents;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Incidents;

/// <summary>Ready when the incident index (SQLite or Redis) answers: the list and the stats read from it.</summary>
public sealed class IncidentIndexHealthCheck(IIncidentIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await index.ProbeAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy("incident index answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"incident index does not answer: {e.GetType().Name}: {e.Message}");
        }
    }
}
