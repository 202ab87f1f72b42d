using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;
using AiOps.Silo.Features.Ingest;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary>
/// What a 202 promises on this host (the ingest journal, or JetStream) and how far behind the Fast Path is.
/// Behind its back-pressure bounds is degraded: ingest is answering 503 with Retry-After until it catches up.
/// </summary>
public sealed class IngestHealthCheck(IIngestSink sink, PolicyRuntime policy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lag = sink.Lag;
        var state = $"{sink.Durability}; oldest unprocessed event {(long)lag.OldestAge.TotalMilliseconds} ms old, {lag.PendingEvents} waiting";
        return Task.FromResult(Backpressure.Refusal(lag, policy.Fleet.Ingest.Backpressure) is { } behind
            ? HealthCheckResult.Degraded($"{state}. {behind}")
            : HealthCheckResult.Healthy(state));
    }
}
