using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Notifications;

/// <summary>Working an incident's outbox: what is due, and recording how each attempt went.</summary>
public static class Outbox
{
    public static List<OutboxEntry> Due(List<OutboxEntry> outbox, DateTimeOffset now, IDictionary<string, DateTimeOffset> leasedUntil) =>
        outbox.Where(e => e.State == OutboxState.Pending && e.NextAttemptAt <= now
            && !(leasedUntil.TryGetValue(e.Key, out var until) && until > now)).ToList();

    public static bool AnyPending(List<OutboxEntry> outbox) => outbox.Exists(e => e.State == OutboxState.Pending);

    /// <summary>
    /// A final state closes the entry; <see cref="OutboxState.Pending"/> with a retry time schedules the next
    /// attempt. A failure counts an attempt and is final once the channel's attempts are used up.
    /// </summary>
    public static OutboxEntry? Record(List<OutboxEntry> outbox, string key, string state, string? detail, DateTimeOffset? retryAt, int maxAttempts, DateTimeOffset now)
    {
        var entry = outbox.Find(e => e.Key == key);
        if (entry is null || entry.State != OutboxState.Pending)
        {
            return null; // already closed: a late or repeated report changes nothing
        }

        entry.LastError = state == OutboxState.Sent ? null : detail;
        if (state == OutboxState.Failed)
        {
            entry.Attempts++;
            if (entry.Attempts < maxAttempts)
            {
                entry.NextAttemptAt = now + NotificationPlanner.Backoff(entry.Attempts);
                return entry;
            }
        }
        else if (state == OutboxState.Pending)
        {
            entry.NextAttemptAt = retryAt ?? now;
            return entry;
        }
        else if (state == OutboxState.Sent)
        {
            entry.Attempts++;
        }

        entry.State = state;
        entry.DoneAt = now;
        return entry;
    }
}
