using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Warmup;

/// <summary>
/// Not ready until the Fast Path has run once, so that the first event after ready is fast too. A failed
/// warm-up only degrades readiness: the host works, its first events are slower.
/// </summary>
public sealed class WarmupHealthCheck(WarmupState warmup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!warmup.IsDone ? HealthCheckResult.Unhealthy("warming up the Fast Path")
            : warmup.Failure is { } failure ? HealthCheckResult.Degraded($"the Fast Path warm-up failed ({failure}); the first events are slower")
            : HealthCheckResult.Healthy("the Fast Path ran once at start"));
}
