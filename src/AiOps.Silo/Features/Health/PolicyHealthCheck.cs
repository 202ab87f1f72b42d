using AiOps.Grains.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

public sealed class PolicyHealthCheck(PolicyRuntime policy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = policy.Current;
        return Task.FromResult(HealthCheckResult.Healthy(
            $"profile {current.Master.Profile}, loaded {current.LoadedAt:O} from {current.Directory}"));
    }
}
