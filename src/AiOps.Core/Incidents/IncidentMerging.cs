using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;

namespace AiOps.Core.Incidents;

/// <summary>
/// Fixing correlation by hand: merge one incident into another, split members out into a new one, reopen a closed
/// one, link related ones. Each returns why it cannot be done, or null when done (with a timeline entry).
/// </summary>
public static class IncidentMerging
{
    public const string Reopened = "reopened";

    public static string? Reopen(IncidentState state, string actor, string? comment, DateTimeOffset now)
    {
        if (!IncidentTransitions.CanReopen(state.Status))
        {
            return $"an incident that is {IncidentTransitions.Name(state.Status)} cannot be reopened; only resolved or suppressed ones can";
        }

        var from = state.Status;
        state.Status = IncidentStatus.Open;
        state.ClosedAt = null;
        state.Reopens++;
        state.Timeline.Add(new TimelineEntry(now, Reopened,
            $"Reopened (was {IncidentTransitions.Name(from)}){(string.IsNullOrWhiteSpace(comment) ? "" : $": {comment}")}", actor));
        state.UpdatedAt = now;
        return null;
    }

    public static void Link(IncidentState state, string otherId, string actor, DateTimeOffset now)
    {
        if (!state.Related.Contains(otherId))
        {
            state.Related.Add(otherId);
            state.Timeline.Add(new TimelineEntry(now, "linked", $"Linked to related incident {otherId}", actor));
            state.UpdatedAt = now;
        }
    }

    /// <summary>
    /// The incident given up by a merge: closed as merged, pointing at the one that takes its members, with the
    /// handoff of those members recorded as pending in the same change.
    /// </summary>
    public static string? StartMerge(IncidentState state, string intoId, string actor, DateTimeOffset now)
    {
        if (state.Status == IncidentStatus.Merged)
        {
            return $"the incident was already merged into {state.MergedInto}";
        }

        if (state.PendingHandoff is { } pending)
        {
            return $"the incident is still handing members to {pending.ToIncidentId}; try again once that is done";
        }

        state.Status = IncidentStatus.Merged;
        state.MergedInto = intoId;
        state.ClosedAt = now;
        if (!state.Related.Contains(intoId))
        {
            state.Related.Add(intoId);
        }

        state.Timeline.Add(new TimelineEntry(now, "merged", $"Merged into {intoId}", actor));
        state.UpdatedAt = now;
        state.PendingHandoff = new IncidentHandoff
        {
            Kind = IncidentHandoff.Merge,
            FromIncidentId = state.IncidentId,
            ToIncidentId = intoId,
            Part = IncidentRecord.ToIncident(state),
            Actor = actor,
            RequestedAt = now,
            FiringAlerts = state.FiringAlerts.ToList(),
            HasNonAlertMembers = state.HasNonAlertMembers,
            MemberAlerts = new Dictionary<string, string>(state.MemberAlerts, StringComparer.Ordinal),
        };
        return null;
    }

    /// <summary>
    /// Takes the members, evidence, timeline, comments and join reasons of a merged incident. False when this
    /// incident has taken that one already (a handoff delivered again after a crash).
    /// </summary>
    public static bool Absorb(IncidentState state, IncidentHandoff handoff, DateTimeOffset now, CorrelatePolicy policy)
    {
        var other = handoff.Part;
        if (state.MergedFrom.Contains(other.IncidentId))
        {
            return false;
        }

        state.MergedFrom.Add(other.IncidentId);
        state.AnomalyCount += other.AnomalyCount;
        state.DuplicateCount += other.DuplicateCount;
        if (other.Severity > state.Severity)
        {
            state.Severity = other.Severity;
        }

        state.FirstEventTs = other.FirstEventTs < state.FirstEventTs ? other.FirstEventTs : state.FirstEventTs;
        state.LastEventTs = other.LastEventTs > state.LastEventTs ? other.LastEventTs : state.LastEventTs;
        AddBounded(state.Scope, other.Scope.Where(e => !state.Scope.Contains(e)), policy.MaxScopeEntries);
        AddBounded(state.SuppressKeys, new[] { other.SuppressKey }.Where(k => !state.SuppressKeys.Contains(k)), policy.MaxScopeEntries);
        AddBounded(state.Evidence, other.Evidence, policy.MaxEventsPerIncident);
        AddBounded(state.TrackingIds, other.TrackingIds.Where(id => !state.TrackingIds.Contains(id)), policy.MaxTrackingIdsPerIncident);
        foreach (var id in other.TrackingIds)
        {
            state.Applied.Add(id, IncidentRecord.AppliedMemory);
        }

        var firing = state.FiringAlerts.ToHashSet(StringComparer.Ordinal);
        AddBounded(state.FiringAlerts, handoff.FiringAlerts.Where(firing.Add), policy.MaxTrackingIdsPerIncident);
        foreach (var (id, alert) in handoff.MemberAlerts)
        {
            if (state.MemberAlerts.Count < policy.MaxTrackingIdsPerIncident)
            {
                state.MemberAlerts.TryAdd(id, alert);
            }
        }

        state.HasNonAlertMembers |= handoff.HasNonAlertMembers;
        AddBounded(state.WhyGrouped, other.WhyGrouped.Select(r => r with { Rule = "merged", FromIncident = r.FromIncident ?? other.IncidentId }),
            policy.MaxTrackingIdsPerIncident);
        state.Comments.AddRange(other.Comments.Select(c => c with { CommentId = $"{other.IncidentId}/{c.CommentId}" }));
        state.Timeline.AddRange(other.Timeline.Select(e => e with { Description = $"[{other.IncidentId}] {e.Description}" }));
        state.Timeline.Sort((a, b) => a.Ts.CompareTo(b.Ts));
        if (!state.Related.Contains(other.IncidentId))
        {
            state.Related.Add(other.IncidentId);
        }

        state.Timeline.Add(new TimelineEntry(now, "merged_in",
            $"Merged {other.IncidentId} in: {other.AnomalyCount} anomalies, {other.Evidence.Count} evidence items", handoff.Actor));
        state.UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Moves the listed members out, recording the handoff to the new incident as pending in the same change;
    /// returns the problem, or null. Only members the incident lists in <c>tracking_ids</c> can move, and at least
    /// one member must stay.
    /// </summary>
    public static string? SplitOut(IncidentState state, IReadOnlyCollection<string> trackingIds, string newId, string actor, DateTimeOffset now)
    {
        if (state.Status == IncidentStatus.Merged)
        {
            return $"the incident was merged into {state.MergedInto}; split that one";
        }

        if (state.PendingHandoff is { } pending)
        {
            return $"the incident is still handing members to {pending.ToIncidentId}; try again once that is done";
        }

        var unknown = trackingIds.Where(id => !state.TrackingIds.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            return $"field 'tracking_ids': {string.Join(", ", unknown.Take(5))} {(unknown.Count == 1 ? "is" : "are")} not a member of this incident";
        }

        if (trackingIds.Count >= state.TrackingIds.Count)
        {
            return "field 'tracking_ids': at least one member must stay in the incident";
        }

        var moving = trackingIds.ToHashSet(StringComparer.Ordinal);
        bool Moves(string reference) => moving.Contains(reference[(reference.LastIndexOf('/') + 1)..]);
        var evidence = state.Evidence.Where(e => Moves(e.Ref)).ToList();
        var reasons = state.WhyGrouped.Where(r => moving.Contains(r.TrackingId) && r.Rule != "duplicate").ToList();
        // A fingerprint that a staying member shares keeps its repeats here; the others follow the moved members.
        var staying = state.WhyGrouped.Where(r => !moving.Contains(r.TrackingId)).Select(r => r.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var movedFingerprints = state.WhyGrouped.Where(r => moving.Contains(r.TrackingId) && !staying.Contains(r.Fingerprint))
            .Select(r => r.Fingerprint).Distinct(StringComparer.Ordinal).ToList();
        var alerts = AlertMembership.SplitOff(state, moving);
        state.TrackingIds.RemoveAll(moving.Contains);
        state.Evidence.RemoveAll(e => Moves(e.Ref));
        state.WhyGrouped.RemoveAll(r => moving.Contains(r.TrackingId));
        state.AnomalyCount = Math.Max(1, state.AnomalyCount - moving.Count);
        state.Related.Add(newId);
        state.Timeline.Add(new TimelineEntry(now, "split", $"Split {moving.Count} members out into {newId}", actor));
        state.UpdatedAt = now;

        var times = reasons.Select(r => r.EventTs).DefaultIfEmpty(now).ToList();
        var part = IncidentRecord.ToIncident(state) with
        {
            IncidentId = newId,
            TrackingId = trackingIds.First(),
            Status = IncidentStatus.Open,
            Scope = reasons.Select(r => ScopeOf(r.Fingerprint)).OfType<ScopeEntry>().Distinct().ToList(),
            Timeline = [],
            Evidence = evidence,
            TrackingIds = trackingIds.ToList(),
            WhyGrouped = reasons.Select(r => r with { FromIncident = state.IncidentId }).ToList(),
            AnomalyCount = moving.Count,
            DuplicateCount = 0,
            Comments = [],
            Related = [state.IncidentId],
            MergedInto = null,
            Narrative = null,
            Confidence = null,
            InsightSource = null,
            RunbookRefs = [],
            Owner = null,
            FirstEventTs = times.Min(),
            LastEventTs = times.Max(),
        };
        state.PendingHandoff = new IncidentHandoff
        {
            Kind = IncidentHandoff.Split,
            FromIncidentId = state.IncidentId,
            ToIncidentId = newId,
            Part = part,
            Actor = actor,
            RequestedAt = now,
            Fingerprints = movedFingerprints,
            FiringAlerts = alerts.Firing,
            MemberAlerts = alerts.Members,
            HasNonAlertMembers = alerts.HasNonAlertMembers,
        };
        return null;
    }

    /// <summary>Opens the incident a split made, from the part the other incident gave up.</summary>
    public static void OpenFromSplit(IncidentState state, IncidentHandoff handoff, DateTimeOffset now)
    {
        var part = handoff.Part;
        state.Exists = true;
        state.IncidentId = part.IncidentId;
        state.IncidentType = part.IncidentType;
        state.ShipId = part.ShipId;
        state.TrackingId = part.TrackingId;
        state.Severity = part.Severity;
        state.Status = IncidentStatus.Open;
        state.Scope = part.Scope.ToList();
        state.CorrKeys = part.CorrKeys.ToList();
        state.SuppressKey = part.SuppressKey;
        state.SuppressKeys = [part.SuppressKey];
        state.Evidence = part.Evidence.ToList();
        state.TrackingIds = part.TrackingIds.ToList();
        state.WhyGrouped = part.WhyGrouped.ToList();
        state.AnomalyCount = part.AnomalyCount;
        state.Related = part.Related.ToList();
        state.FirstEventTs = part.FirstEventTs;
        state.LastEventTs = part.LastEventTs;
        state.CreatedAt = now;
        state.UpdatedAt = now;
        foreach (var id in part.TrackingIds)
        {
            state.Applied.Add(id, IncidentRecord.AppliedMemory);
        }

        state.FiringAlerts = handoff.FiringAlerts.ToList();
        state.MemberAlerts = new Dictionary<string, string>(handoff.MemberAlerts, StringComparer.Ordinal);
        state.HasNonAlertMembers = handoff.HasNonAlertMembers;
        state.Timeline.Add(new TimelineEntry(now, "created", $"Split out of {handoff.FromIncidentId} with {part.AnomalyCount} members", handoff.Actor));
    }

    /// <summary>The device and service a dedup fingerprint names (<c>ship|domain|service|type|device|metric</c>).</summary>
    private static ScopeEntry? ScopeOf(string fingerprint)
    {
        var parts = fingerprint.Split('|');
        return parts.Length >= 5 ? new ScopeEntry(parts[4] == "none" ? "unknown" : parts[4], parts[2]) : null;
    }

    private static void AddBounded<T>(List<T> into, IEnumerable<T> items, int max)
    {
        foreach (var item in items)
        {
            if (into.Count >= max)
            {
                return;
            }

            into.Add(item);
        }
    }
}
