using AiOps.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// The HTTP client of a notification channel, from <see cref="IHttpClientFactory"/>: a circuit breaker
/// (notify.yaml <c>delivery_breaker</c>) around a per-attempt timeout (the channel's <c>timeout_sec</c>, carried on
/// the request by <see cref="SignedJsonPost"/>). No retry: the outbox retries with backoff until
/// <c>give_up_after</c>, and a retry here would multiply its attempts.
/// </summary>
public static class NotificationHttp
{
    /// <summary>The timeout of a request that carries none: the backstop the shared client had.</summary>
    private static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromMinutes(1);

    public static string ClientName(string channel) => "aiops-notify-" + channel;

    public static IHttpResiliencePipelineBuilder AddChannelClient(this IServiceCollection services, string channel) =>
        services.AddHttpClient(ClientName(channel), http => http.Timeout = Timeout.InfiniteTimeSpan)
            // The senders are singletons holding their client, so connections are recycled by the handler itself
            // (DNS changes are seen) rather than by the factory rotating handlers.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(ClientName(channel), (pipeline, context) =>
            {
                var breaker = context.ServiceProvider.GetRequiredService<PolicyRuntime>().Fleet.Notify.DeliveryBreaker;
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = breaker.FailureRatio,
                        MinimumThroughput = breaker.MinimumThroughput,
                        SamplingDuration = TimeSpan.FromSeconds(breaker.SamplingSec),
                        BreakDuration = TimeSpan.FromSeconds(breaker.BreakSec),
                    })
                    .AddTimeout(new HttpTimeoutStrategyOptions
                    {
                        TimeoutGenerator = args => ValueTask.FromResult(
                            args.Context.GetRequestMessage()?.Options.TryGetValue(SignedJsonPost.AttemptTimeout, out var timeout) == true
                                ? timeout
                                : DefaultAttemptTimeout),
                    });
            });
}
