using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// The Polly retry that waits out a NATS server that is not there yet or went away: the operation is tried again
/// every <c>Nats:RetryDelay</c> until it succeeds or the host stops. Unacknowledged messages come back after their
/// ack wait, so waiting loses nothing.
/// </summary>
public static class NatsRetry
{
    public const string PipelineName = "aiops-nats";

    /// <param name="onRetry">Told each error before the wait that follows it.</param>
    public static ResiliencePipeline UntilAvailable(NatsIngestOptions options, TimeProvider clock, ILoggerFactory loggerFactory, Action<Exception> onRetry) =>
        new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                    && (e is not OperationCanceledException || !args.Context.CancellationToken.IsCancellationRequested)),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            })
            .ConfigureTelemetry(loggerFactory)
            .Build();
}
