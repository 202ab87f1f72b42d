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
        return grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyOf(now)).RecordAsync(entry);
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
