using AiOps.Contracts.Messages;
using AiOps.Core.Storage;

namespace AiOps.Core.Alerts;

/// <summary>
/// A service's firing alerts by fingerprint. The first arrival of a fingerprint is new (an anomaly); its repeats
/// (senders resend every minute or so) are not; an <c>endsAt</c> in the past, or silence past the last
/// <c>endsAt</c> (Alertmanager's own rule), resolves it.
/// </summary>
/// <remarks>
/// <paramref name="ends"/> is the service's bound on when its alerts end, which outlives the tracker of one batch;
/// without one, every <see cref="ExpireSilent"/> scans.
/// </remarks>
public sealed class AlertTracker(TrackedMap<FiringAlert> firing, int capacity, AlertEndBound? ends = null)
{
    private static readonly Comparer<DateTimeOffset> NewestFirst = Comparer<DateTimeOffset>.Create((a, b) => b.CompareTo(a));

    private readonly AlertEndBound _ends = ends ?? new AlertEndBound();

    public List<ResolvedAlert> Resolved { get; } = [];
    public int Repeats { get; private set; }

    /// <summary>True when the alert is a new firing alert that should become an anomaly of <paramref name="incidentType"/>.</summary>
    public bool Observe(AlertMessage alert, string incidentType, DateTimeOffset now)
    {
        if (alert.Resolved)
        {
            if (firing.Remove(alert.Fingerprint, out var ended))
            {
                Resolved.Add(new ResolvedAlert(alert.Fingerprint, ended.IncidentType));
            }

            return false;
        }

        if (firing.TryGetValue(alert.Fingerprint, out var known))
        {
            known.EndsAt = alert.EndsAt;
            known.LastSeen = now;
            firing.Changed(alert.Fingerprint);
            _ends.Noted(alert.EndsAt);
            Repeats++;
            return false;
        }

        if (firing.Count >= capacity)
        {
            EvictOldest();
        }

        firing[alert.Fingerprint] = new FiringAlert { IncidentType = incidentType, EndsAt = alert.EndsAt, LastSeen = now };
        _ends.Noted(alert.EndsAt);
        return true;
    }

    /// <summary>
    /// Forgets the least recently seen sixteenth at once: a full tracker in an alert storm meets a new alert on
    /// every call, and finding one oldest each time would scan the whole tracker per alert.
    /// </summary>
    private void EvictOldest()
    {
        // The oldest found in one pass through a heap of the sixteenth, the most recent of them on top: sorting the
        // whole tracker copied it into arrays large enough for the large object heap on every eviction.
        var count = Math.Max(1, capacity / 16);
        var oldest = new PriorityQueue<string, DateTimeOffset>(count + 1, NewestFirst);
        foreach (var (fingerprint, alert) in firing)
        {
            if (oldest.Count < count)
            {
                oldest.Enqueue(fingerprint, alert.LastSeen);
            }
            else if (oldest.TryPeek(out _, out var newestKept) && alert.LastSeen < newestKept)
            {
                oldest.EnqueueDequeue(fingerprint, alert.LastSeen);
            }
        }

        while (oldest.TryDequeue(out var fingerprint, out _))
        {
            firing.Remove(fingerprint);
        }
    }

    /// <summary>Resolves the alerts whose last <c>endsAt</c> has passed without a repeat.</summary>
    public void ExpireSilent(DateTimeOffset now)
    {
        if (!_ends.MayHaveEnded(now))
        {
            return;
        }

        List<string>? ended = null;
        DateTimeOffset? earliestLeft = null;
        foreach (var (fingerprint, alert) in firing)
        {
            if (alert.EndsAt is not { } end)
            {
                continue;
            }

            if (end <= now)
            {
                (ended ??= []).Add(fingerprint);
            }
            else if (earliestLeft is null || end < earliestLeft)
            {
                earliestLeft = end;
            }
        }

        foreach (var fingerprint in ended ?? [])
        {
            firing.Remove(fingerprint, out var alert);
            Resolved.Add(new ResolvedAlert(fingerprint, alert!.IncidentType));
        }

        _ends.Scanned(earliestLeft);
    }
}
