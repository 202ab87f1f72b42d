using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;

namespace AiOps.Core.Notifications;

/// <summary>Working an incident's outbox: what is due, and recording how each attempt went.</summary>
public static class Outbox
{
    /// <summary>
    /// How long whoever took due entries (a pump, or the incident's own silo for what it hands off) holds them
    /// before another may take them: well beyond one send, which its channel's timeout bounds, and its record.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The pending entries that may be attempted now: past their retry time, not leased, and not on a channel that
    /// <paramref name="channelWait"/> says must wait for its rate limit (null: no channel waits).
    /// </summary>
    public static List<OutboxEntry> Due(List<OutboxEntry> outbox, DateTimeOffset now, IDictionary<string, DateTimeOffset> leasedUntil,
        Func<string, DateTimeOffset?>? channelWait = null) =>
        outbox.Where(e => e.State == OutboxState.Pending && DueAt(e, leasedUntil, channelWait) <= now).ToList();

    /// <summary>When the first pending entry that is not due now becomes due; null when none is pending and waiting.</summary>
    public static DateTimeOffset? NextDueAt(List<OutboxEntry> outbox, DateTimeOffset now, IDictionary<string, DateTimeOffset> leasedUntil,
        Func<string, DateTimeOffset?>? channelWait = null) =>
        outbox.Where(e => e.State == OutboxState.Pending).Select(e => DueAt(e, leasedUntil, channelWait)).Where(at => at > now)
            .Select(at => (DateTimeOffset?)at).Min();

    /// <summary>The latest of an entry's retry time, its lease's end and its channel's rate-limit wait.</summary>
    private static DateTimeOffset DueAt(OutboxEntry entry, IDictionary<string, DateTimeOffset> leasedUntil, Func<string, DateTimeOffset?>? channelWait)
    {
        var at = entry.NextAttemptAt;
        if (leasedUntil.TryGetValue(entry.Key, out var leased) && leased > at)
        {
            at = leased;
        }

        return channelWait?.Invoke(entry.Channel) is { } wait && wait > at ? wait : at;
    }

    public static bool AnyPending(List<OutboxEntry> outbox) => outbox.Exists(e => e.State == OutboxState.Pending);

    /// <summary>When retrying <paramref name="entry"/> stops: its own deadline, else its creation plus <c>give_up_after</c>.</summary>
    public static DateTimeOffset DeadlineOf(OutboxEntry entry, NotifyPolicy policy) => entry.GiveUpAt ?? entry.CreatedAt + policy.GiveUpAfterSpan;

    /// <summary>
    /// A final state closes the entry; <see cref="OutboxState.Pending"/> with a retry time schedules the next
    /// attempt. A failure is retried with backoff (<paramref name="jitter"/> in [0, 1) spreads the wait) until the
    /// deadline: the last attempt is made at the deadline itself, and a failure then is final (dead-lettered).
    /// </summary>
    public static OutboxEntry? Record(List<OutboxEntry> outbox, string key, string state, string? detail, DateTimeOffset? retryAt,
        NotifyPolicy policy, double jitter, DateTimeOffset now)
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
            var deadline = DeadlineOf(entry, policy);
            if (now < deadline)
            {
                var next = now + NotificationPlanner.Backoff(entry.Attempts, policy.RetryBackoff, jitter);
                entry.NextAttemptAt = next < deadline ? next : deadline;
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

    /// <summary>
    /// Puts a dead-lettered entry back to work now, with a fresh <c>give_up_after</c> from now. Null when the
    /// entry is unknown or not failed (a sent notification is never sent again).
    /// </summary>
    public static OutboxEntry? Retry(List<OutboxEntry> outbox, string key, NotifyPolicy policy, DateTimeOffset now)
    {
        var entry = outbox.Find(e => e.Key == key);
        if (entry is null || entry.State != OutboxState.Failed)
        {
            return null;
        }

        entry.State = OutboxState.Pending;
        entry.DoneAt = null;
        entry.NextAttemptAt = now;
        entry.GiveUpAt = now + policy.GiveUpAfterSpan;
        return entry;
    }
}
