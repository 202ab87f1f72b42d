using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Incidents;

/// <summary>
/// Which of an incident's members are alerts still firing. An incident made only of alerts has a clear end:
/// when the last of them resolves (correlate.yaml <c>auto_resolve_on_alerts_resolved</c>). One with log or
/// metric members has no such signal and stays for a person to resolve.
/// </summary>
public static class AlertMembership
{
    // Far above any real incident's alert count; it only stops a storm from growing the state without end.
    private const int MaxTracked = 10_000;

    public static void Note(IncidentState state, IncidentChange change)
    {
        // One set per change, not a list scan per member: an alert storm brings thousands of members at once.
        HashSet<string>? firing = null;
        foreach (var member in change.NewMembers.Concat(change.Duplicates))
        {
            if (member.AlertFingerprint is not { } alert)
            {
                state.HasNonAlertMembers = true;
                continue;
            }

            firing ??= new HashSet<string>(state.FiringAlerts, StringComparer.Ordinal);
            if (state.FiringAlerts.Count < MaxTracked && firing.Add(alert))
            {
                state.FiringAlerts.Add(alert);
            }
        }

        foreach (var member in change.NewMembers)
        {
            if (member.AlertFingerprint is { } alert && state.MemberAlerts.Count < MaxTracked)
            {
                state.MemberAlerts.TryAdd(member.TrackingId, alert);
            }
        }
    }

    /// <summary>
    /// Takes the alerts of the members that move out in a split: the firing ones that no staying member came as
    /// leave this incident's firing list, and the moved members' entries go. Returns what the new incident gets.
    /// </summary>
    public static (List<string> Firing, Dictionary<string, string> Members, bool HasNonAlertMembers) SplitOff(IncidentState state, IReadOnlySet<string> moving)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasNonAlertMembers = false;
        foreach (var id in moving)
        {
            if (state.MemberAlerts.Remove(id, out var alert))
            {
                members[id] = alert;
            }
            else
            {
                // A log or metric, or an alert member noted before members were kept (or past the bound).
                hasNonAlertMembers = true;
            }
        }

        var staying = state.MemberAlerts.Values.ToHashSet(StringComparer.Ordinal);
        var leaving = members.Values.Where(a => !staying.Contains(a)).ToHashSet(StringComparer.Ordinal);
        var firing = state.FiringAlerts.Where(leaving.Contains).ToList();
        state.FiringAlerts.RemoveAll(leaving.Contains);
        return (firing, members, hasNonAlertMembers);
    }

    /// <summary>Marks the alerts resolved; true when the incident is open or acknowledged and none of its alerts fires any more.</summary>
    public static bool Resolve(IncidentState state, IReadOnlyCollection<string> fingerprints, DateTimeOffset now)
    {
        var resolved = fingerprints as IReadOnlySet<string> ?? new HashSet<string>(fingerprints, StringComparer.Ordinal);
        var removed = state.FiringAlerts.RemoveAll(resolved.Contains);
        if (removed == 0)
        {
            return false;
        }

        state.Timeline.Add(new TimelineEntry(now, "alerts_resolved",
            $"{removed} alert(s) resolved by their sender; {state.FiringAlerts.Count} still firing", "alertmanager"));
        state.UpdatedAt = now;
        return state.FiringAlerts.Count == 0 && !state.HasNonAlertMembers && state.Status is IncidentStatus.Open or IncidentStatus.Ack;
    }
}
