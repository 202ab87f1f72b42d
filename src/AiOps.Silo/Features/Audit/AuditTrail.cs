using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Audit;
using AiOps.Core.Policy;

namespace AiOps.Silo.Features.Audit;

/// <summary>
/// Records who did what to which resource and how it ended; reads it back across days. Each entry goes to the
/// bucket of its day that its resource hashes to (retention.yaml <c>audit.buckets</c>); a query asks every bucket
/// the day's index lists and merges their answers, newest first.
/// </summary>
public sealed class AuditTrail(IGrainFactory grains, PolicyRuntime policy, TimeProvider clock)
{
    /// <summary>The longest span one query may cover: one grain call per day.</summary>
    public const int MaxDays = 92;

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

    /// <summary>
    /// An audit entry must not be lost to a silo that just died: the day's grain may be briefly out of reach
    /// until the cluster notices, so retry for about as long as that takes before giving up loudly.
    /// </summary>
    private async Task RecordWithRetryAsync(AuditEvent entry)
    {
        var bucket = AuditShards.BucketKey(IAuditDayGrain.KeyOf(entry.Ts), AuditShards.BucketOf(entry.Resource, policy.Fleet.Retention.Audit.Buckets));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<IAuditBucketGrain>(bucket).RecordAsync(entry);
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < 6)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), clock);
            }
        }
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
