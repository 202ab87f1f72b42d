using AiOps.Core.Policy;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// The Polly retry around one call of the journal's dispatcher to a service grain: ingest.yaml
/// <c>durability.delivery_attempts</c> tries, the first retry after <c>delivery_retry_delay_ms</c>, doubling up to
/// <c>delivery_max_retry_delay_ms</c>. The call's context (<see cref="ContextFor"/>) carries the service key in a
/// property, not as Polly's operation key: Polly tags its metrics with the operation key, and one set of histogram
/// series per service of the fleet made every <c>/metrics</c> scrape grow with the fleet.
/// </summary>
public static class JournalDelivery
{
    public const string PipelineName = "aiops-journal-delivery";

    private static readonly ResiliencePropertyKey<string> ServiceKey = new("aiops.service_key");

    /// <summary>A pooled context for one delivery to a service; give it back with <see cref="ResilienceContextPool.Return"/>.</summary>
    public static ResilienceContext ContextFor(string serviceKey, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ServiceKey, serviceKey);
        return context;
    }

    /// <param name="onRetry">Told the service key, the attempt that failed (from 1) and its error, before each retry.</param>
    public static ResiliencePipeline Pipeline(DurabilitySettings durability, TimeProvider clock, ILoggerFactory loggerFactory, Action<string, int, Exception> onRetry) =>
        new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                // Bounded in ShouldHandle, which also allows delivery_attempts 1 (no retry), below Polly's minimum of one.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(durability.DeliveryRetryDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(durability.DeliveryMaxRetryDelayMs),
                ShouldHandle = args => ValueTask.FromResult(args.AttemptNumber < durability.DeliveryAttempts - 1
                    && args.Outcome.Exception is { } e && (e is not OperationCanceledException || !args.Context.CancellationToken.IsCancellationRequested)),
                OnRetry = args =>
                {
                    onRetry(args.Context.Properties.GetValue(ServiceKey, ""), args.AttemptNumber + 1, args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            })
            .ConfigureTelemetry(loggerFactory)
            .Build();
}
