using AiOps.Core.Insight;
using AiOps.Insight;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary>
/// The Insight Path's state: whether a model is configured, whether its circuit is open or its latest call (chat
/// or embeddings) failed or timed out, whether the model's index is built, and which vector index serves retrieval. A sick model is degraded, not
/// unhealthy: incidents still get rule-based insights.
/// </summary>
public sealed class InsightHealthCheck(InsightEngine engine, KnowledgeBase knowledge, IVectorIndex index, IInsightQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = $"vector index {index.Name}, {queue.Waiting} waiting for the model";
        if (!engine.HasModel)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"no model configured (Ollama:Endpoint): rule-based insights; {where}"));
        }

        if (engine.BreakerState != "closed")
        {
            return Task.FromResult(HealthCheckResult.Degraded($"model failing, circuit {engine.BreakerState}: rule-based insights until it recovers; {where}"));
        }

        if (engine.LastModelProblem is { } problem)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"model's latest call failed ({problem}), circuit closed: rule-based insights while it fails; {where}"));
        }

        return Task.FromResult(knowledge.ModelIndexReady
            ? HealthCheckResult.Healthy($"model reachable, circuit closed; {where}")
            : HealthCheckResult.Degraded($"the {index.Name} index is not built with the model's embeddings yet: retrieval uses the local index; {where}"));
    }
}
