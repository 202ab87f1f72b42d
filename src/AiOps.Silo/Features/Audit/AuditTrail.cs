using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Audit;
using AiOps.Core.Policy;
using Polly;
using Polly.Retry;

namespace AiOps.Silo.Features.Audit;

/// <summary>
/// Records who did what to which resource and how it ended; reads it back across days. Each entry goes to the
/// bucket of its day that its resource hashes to (retention.yaml <c>audit.buckets</c>); a query asks every bucket
/// the day's index lists and merges their answers, newest first.
/// </summary>
public sealed class AuditTrail(IGrainFactory grains, PolicyRuntime policy, TimeProvider clock, ILoggerFactory loggerFactory)
{
    /// <summary>The longest span one query may cover: one grain call per day.</summary>
    public const int MaxDays = 92;

    public const string RetryPipelineName = "aiops-audit-record";

    /// <summary>
    /// An audit entry must not be lost to a silo that just died: the day's grain may be briefly out of reach until
    /// the cluster notices, so recording is retried (retention.yaml <c>audit.record_retries</c>, waiting
    /// <c>record_retry_delay_ms</c> times the attempt) before giving up loudly.
    /// </summary>
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { Name = RetryPipelineName, TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            // The policy in force bounds the attempts, so that a reload applies at once.
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is OrleansException or TimeoutException
                && args.AttemptNumber < policy.Fleet.Retention.Audit.RecordRetries),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                TimeSpan.FromMilliseconds((double)policy.Fleet.Retention.Audit.RecordRetryDelayMs * (args.AttemptNumber + 1))),
        })
        .ConfigureTelemetry(loggerFactory)
        .Build();

    public Task RecordAsync(string user, string action, string resource, string status,
        IReadOnlyDictionary<string, string>? details = null, string? error = null, string shipId = "fleet", string? trackingId = null)
    {
        var now = clock.GetUtcNow();
        var entry = new AuditEvent
        {
            Ts = now,
            TrackingId = trackingId ?? $"audit-{Guid.NewGuid():N}",
            ShipId = shipId,
            User = user,
            Action = action,
            Resource = resource,
            Status = status,
            Details = details ?? new Dictionary<string, string>(),
            Error = error,
        };
        return RecordWithRetryAsync(entry);
    }

    private async Task RecordWithRetryAsync(AuditEvent entry)
    {
        var bucket = AuditShards.BucketKey(IAuditDayGrain.KeyOf(entry.Ts), AuditShards.BucketOf(entry.Resource, policy.Fleet.Retention.Audit.Buckets));
        await _retry.ExecuteAsync(static async (state, _) => await state.grains.GetGrain<IAuditBucketGrain>(state.bucket).RecordAsync(state.entry),
            (grains, bucket, entry), CancellationToken.None);
    }

    /// <summary>Newest first, day by day from the end of the range (each day's buckets at once), until the limit is reached.</summary>
    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter)
    {
        var found = new List<AuditEvent>();
        for (var day = filter.Until.UtcDateTime.Date; day >= filter.Since.UtcDateTime.Date && found.Count < filter.Limit; day = day.AddDays(-1))
        {
            var index = grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyOf(new DateTimeOffset(day, TimeSpan.Zero)));
            var rest = filter with { Limit = filter.Limit - found.Count };
            var buckets = await index.BucketsAsync();
            var parts = await Task.WhenAll(buckets.Select(b => grains.GetGrain<IAuditBucketGrain>(b).QueryAsync(rest)).Append(index.QueryAsync(rest)));
            found.AddRange(AuditShards.NewestFirst(parts, rest.Limit));
        }

        return found;
    }
}
