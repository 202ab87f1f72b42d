using System.Collections.Concurrent;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// The rate-limited channels the fleet's gate said must wait, and until when: once a channel must wait, what follows
/// on it waits too, without asking the gate again. The pump keeps one per pass, the deliverer one while it runs.
/// </summary>
public sealed class RateWaits
{
    private readonly ConcurrentDictionary<(string Channel, int Limit), DateTimeOffset> _until = new();

    public DateTimeOffset? WaitingUntil(string channel, int limit, DateTimeOffset now) =>
        _until.TryGetValue((channel, limit), out var until) && until > now ? until : null;

    public void Wait(string channel, int limit, DateTimeOffset until) => _until[(channel, limit)] = until;
}
