using AiOps.Core.Insight;
using AiOps.Insight;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary>
/// The Insight Path's state: whether a model is configured, whether its circuit is open, and which vector
/// index serves retrieval. An open circuit is degraded, not unhealthy: incidents still get rule-based insights.
/// </summary>
public sealed class InsightHealthCheck(InsightEngine engine, IVectorIndex index, IInsightQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = $"vector index {index.Name}, {queue.Count} waiting";
        return Task.FromResult(!engine.HasModel
            ? HealthCheckResult.Healthy($"no model configured (Ollama:Endpoint): rule-based insights; {where}")
            : engine.BreakerState == "closed"
                ? HealthCheckResult.Healthy($"model reachable, circuit closed; {where}")
                : HealthCheckResult.Degraded($"model failing, circuit {engine.BreakerState}: rule-based insights until it recovers; {where}"));
    }
}
