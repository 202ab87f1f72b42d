using AiOps.Infrastructure.Policy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary>Healthy while the newest policy files are in force; degraded while a change is rejected.</summary>
public sealed class PolicyHealthCheck(ReloadingPolicyProvider policy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var fleet = policy.Current.Fleet;
        var inForce = $"profile {fleet.Profile}, loaded {fleet.LoadedAt:O} from {fleet.Directory}";
        return Task.FromResult(policy.LastError is { } error
            ? HealthCheckResult.Degraded($"policy change rejected, the last good policy ({inForce}) stays in force: {error}")
            : HealthCheckResult.Healthy(inForce));
    }
}
