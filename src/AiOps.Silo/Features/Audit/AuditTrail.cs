using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Silo.Features.Audit;

/// <summary>Records who did what to which resource and how it ended; reads it back across days.</summary>
public sealed class AuditTrail(IGrainFactory grains, TimeProvider clock)
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyOf(entry.Ts)).RecordAsync(entry);
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < 6)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), clock);
            }
        }
    }

    /// <summary>Newest first, day by day from the end of the range, until the limit is reached.</summary>
    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter)
    {
        var found = new List<AuditEvent>();
        for (var day = filter.Until.UtcDateTime.Date; day >= filter.Since.UtcDateTime.Date && found.Count < filter.Limit; day = day.AddDays(-1))
        {
            var entries = await grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyOf(new DateTimeOffset(day, TimeSpan.Zero)))
                .QueryAsync(filter with { Limit = filter.Limit - found.Count });
            found.AddRange(entries);
        }

        return found;
    }
}
