using System.Collections.Concurrent;
using AiOps.Core.Notifications;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// The rate-limited channels the fleet's gate said must wait, and until when: once a channel must wait, what follows
/// on it waits too, without asking the gate again. The pump keeps one for as long as it runs, the deliverer one
/// while it runs.
/// </summary>
public sealed class RateWaits
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public DateTimeOffset? WaitingUntil(string channel, int limit, DateTimeOffset now) =>
        _until.TryGetValue(NotificationGate.RateWaitKey(channel, limit), out var until) && until > now ? until : null;

    public void Wait(string channel, int limit, DateTimeOffset until) => _until[NotificationGate.RateWaitKey(channel, limit)] = until;

    /// <summary>The waits not over at <paramref name="now"/>, by <see cref="NotificationGate.RateWaitKey"/>, for an incident to hold its entries back by.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Active(DateTimeOffset now)
    {
        var active = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (key, until) in _until)
        {
            if (until > now)
            {
                active[key] = until;
            }
        }

        return active;
    }
}
