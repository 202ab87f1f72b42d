using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Enrichment;
using AiOps.Core.Policy;

namespace AiOps.Core.Correlation;

/// <summary>
/// Correlation of one key (incident type + ship) on event time, with the semantics of DESIGN.md: suppression,
/// then dedup, then joining an incident whose window admits the event time (before or after its first event,
/// so out-of-order pipelines never open twins), else opening one once <c>min_events_for_incident</c> are pending.
/// Decisions depend only on event times, so a replay of a recording gives the incidents the live stream gave.
/// </summary>
public sealed class CorrelationEngine(CorrelatePolicy policy, Func<CorrelationCandidate, string> newIncidentId)
{
    // Enough to cover a redelivery window of a busy key; each id costs tens of bytes of state.
    private const int RecentCorrelated = 20_000;

    /// <param name="silencedBy">The silence that silences an anomaly, if any: such an anomaly opens and joins nothing.</param>
    public IReadOnlyList<CorrelationDecision> Correlate(CorrelationState state, IReadOnlyList<CorrelationCandidate> candidates,
        Func<CorrelationCandidate, string?>? silencedBy = null)
    {
        var decisions = new List<CorrelationDecision>(candidates.Count);
        foreach (var candidate in candidates.OrderBy(c => c.Anomaly.Ts))
        {
            if (!state.Correlated.Add(candidate.Anomaly.TrackingId, RecentCorrelated))
            {
                continue; // a redelivery of an event already correlated
            }

            if (candidate.Anomaly.Ts > state.Watermark)
            {
                state.Watermark = candidate.Anomaly.Ts;
            }

            if (silencedBy?.Invoke(candidate) is { } silenceId)
            {
                decisions.Add(new(candidate, CorrelationVerdict.Silenced, null, silenceId));
                continue;
            }

            Decide(state, candidate, decisions);
        }

        foreach (var decision in decisions)
        {
            if (decision is { IncidentId: { } incidentId, Verdict: not CorrelationVerdict.Suppressed } && decision.Candidate.Anomaly.AlertFingerprint is { } alert)
            {
                state.AlertIncidents[alert] = incidentId;
            }
        }

        Prune(state, candidates.Count == 0 ? null : candidates[0].IncidentType);
        return decisions;
    }

    /// <summary>Forgets resolved alerts, and says which incidents they belonged to (incident id to fingerprints).</summary>
    public static Dictionary<string, List<string>> ResolveAlerts(CorrelationState state, IEnumerable<string> fingerprints)
    {
        var byIncident = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var fingerprint in fingerprints)
        {
            if (state.AlertIncidents.Remove(fingerprint, out var incidentId))
            {
                if (!byIncident.TryGetValue(incidentId, out var list))
                {
                    byIncident[incidentId] = list = [];
                }

                list.Add(fingerprint);
            }
        }

        return byIncident;
    }

    /// <summary>A resolved incident's window closes; a suppressed one's keys are suppressed for the policy's TTL.</summary>
    public void OnStatusChanged(CorrelationState state, IncidentStatusChanged change)
    {
        if (change.Status == IncidentStatus.Open)
        {
            Reopened(state, change);
            return;
        }

        if (change.Status == IncidentStatus.Merged && change.MergedInto is { } into)
        {
            IncidentHandOver.Retarget(state, change.IncidentId, into);
            return;
        }

        if (change.Status is not (IncidentStatus.Resolved or IncidentStatus.Suppressed))
        {
            return;
        }

        state.Windows.RemoveAll(w => w.IncidentId == change.IncidentId);
        state.Fingerprints.RemoveWhere(kv => kv.Value.IncidentId == change.IncidentId);

        if (change.Status == IncidentStatus.Resolved && policy.ReopenWindowSec > 0)
        {
            state.Closed[change.IncidentId] = new ClosedIncident
            {
                LastEventTs = change.LastEventTs,
                ClosedFrom = change.ChangedAt > change.LastEventTs ? change.ChangedAt : change.LastEventTs,
            };
        }

        state.AlertIncidents.RemoveWhere(kv => kv.Value == change.IncidentId);

        if (change.Status == IncidentStatus.Suppressed)
        {
            var from = change.ChangedAt > change.LastEventTs ? change.ChangedAt : change.LastEventTs;
            var until = from + TimeSpan.FromSeconds(policy.SuppressionTtlSec);
            foreach (var key in change.SuppressKeys)
            {
                state.Suppressions[key] = new Suppression { Until = until, IncidentId = change.IncidentId };
            }
        }
    }

    /// <summary>A reopened incident's window opens again at its last event; its suppression (if any) ends.</summary>
    private static void Reopened(CorrelationState state, IncidentStatusChanged change)
    {
        state.Closed.Remove(change.IncidentId);
        foreach (var key in state.Suppressions.Where(kv => kv.Value.IncidentId == change.IncidentId).Select(kv => kv.Key).ToList())
        {
            state.Suppressions.Remove(key);
        }

        if (!state.Windows.Exists(w => w.IncidentId == change.IncidentId))
        {
            state.Windows.Add(new IncidentWindow { IncidentId = change.IncidentId, FirstTs = change.LastEventTs, LastTs = change.LastEventTs });
        }
    }

    private void Decide(CorrelationState state, CorrelationCandidate candidate, List<CorrelationDecision> decisions)
    {
        var anomaly = candidate.Anomaly;
        var ts = anomaly.Ts;
        var suppressKey = CorrelationKeys.SuppressKey(candidate.IncidentType, anomaly.ShipId, anomaly.DeviceId, anomaly.Service);
        if (state.Suppressions.TryGetValue(suppressKey, out var suppression) && ts <= suppression.Until)
        {
            decisions.Add(new(candidate, CorrelationVerdict.Suppressed, suppression.IncidentId));
            return;
        }

        var fingerprint = Fingerprint.Of(anomaly);
        var window = policy.WindowFor(candidate.IncidentType);
        if (state.Fingerprints.TryGetValue(fingerprint, out var seen)
            && (ts - seen.LastTs).Duration() <= TimeSpan.FromSeconds(policy.DedupTtlSec)
            && state.Windows.Find(w => w.IncidentId == seen.IncidentId) is { } duplicateOf)
        {
            var sinceSeen = (ts - seen.LastTs).Duration().TotalSeconds;
            if (ts > seen.LastTs)
            {
                state.Fingerprints[fingerprint] = seen with { LastTs = ts };
            }

            duplicateOf.Extend(ts);
            decisions.Add(new(candidate, CorrelationVerdict.Duplicate, duplicateOf.IncidentId, DistanceSec: sinceSeen, Fingerprint: fingerprint));
            return;
        }

        var joined = state.Windows.Where(w => w.Admits(ts, window)).MinBy(w => w.DistanceTo(ts));
        if (joined is not null)
        {
            var outside = joined.DistanceTo(ts).TotalSeconds;
            joined.Extend(ts);
            Remember(state, fingerprint, ts, joined.IncidentId);
            decisions.Add(new(candidate, CorrelationVerdict.Joined, joined.IncidentId, DistanceSec: outside, Fingerprint: fingerprint));
            return;
        }

        if (IncidentHandOver.ReopenableBy(state, ts, TimeSpan.FromSeconds(policy.ReopenWindowSec)) is { } reopened)
        {
            state.Closed.Remove(reopened);
            state.Windows.Add(new IncidentWindow { IncidentId = reopened, FirstTs = ts, LastTs = ts });
            Remember(state, fingerprint, ts, reopened);
            decisions.Add(new(candidate, CorrelationVerdict.Reopened, reopened, Fingerprint: fingerprint));
            return;
        }

        state.Pending.Add(candidate);
        var group = state.Pending.Where(p => (p.Anomaly.Ts - ts).Duration() <= window).ToList();
        if (group.Count < policy.MinEventsForIncident)
        {
            decisions.Add(new(candidate, CorrelationVerdict.Pending, null));
            return;
        }

        var first = group.Min(p => p.Anomaly.Ts);
        var opener = group.OrderBy(p => p.Anomaly.Ts).ThenBy(p => p.Anomaly.TrackingId, StringComparer.Ordinal).First();
        var opened = new IncidentWindow { IncidentId = newIncidentId(opener), FirstTs = first, LastTs = group.Max(p => p.Anomaly.Ts) };
        state.Windows.Add(opened);
        foreach (var member in group.OrderBy(p => p.Anomaly.Ts))
        {
            state.Pending.Remove(member);
            var memberFingerprint = Fingerprint.Of(member.Anomaly);
            Remember(state, memberFingerprint, member.Anomaly.Ts, opened.IncidentId);
            decisions.Add(new(member, CorrelationVerdict.Opened, opened.IncidentId,
                DistanceSec: (member.Anomaly.Ts - first).TotalSeconds, Fingerprint: memberFingerprint));
        }
    }

    private static void Remember(CorrelationState state, string fingerprint, DateTimeOffset ts, string incidentId)
    {
        if (!state.Fingerprints.TryGetValue(fingerprint, out var seen) || seen.IncidentId != incidentId || ts > seen.LastTs)
        {
            state.Fingerprints[fingerprint] = new SeenFingerprint { LastTs = ts, IncidentId = incidentId };
        }
    }

    /// <summary>
    /// Forgets what can no longer matter, measured on event time: windows and fingerprints stay while an anomaly
    /// within the policy's late tolerance could still need them.
    /// </summary>
    private void Prune(CorrelationState state, string? incidentType)
    {
        var window = incidentType is null ? TimeSpan.FromSeconds(policy.DefaultWindowSec) : policy.WindowFor(incidentType);
        var dedup = TimeSpan.FromSeconds(policy.DedupTtlSec);
        var horizon = (window > dedup ? window : dedup) + TimeSpan.FromSeconds(policy.LateToleranceSec);
        var watermark = state.Watermark;
        state.Windows.RemoveAll(w => watermark - w.LastTs > horizon);
        state.Fingerprints.RemoveWhere(kv => watermark - kv.Value.LastTs > horizon);

        foreach (var key in state.Suppressions.Where(kv => watermark > kv.Value.Until).Select(kv => kv.Key).ToList())
        {
            state.Suppressions.Remove(key);
        }

        var reopenWindow = TimeSpan.FromSeconds(policy.ReopenWindowSec);
        foreach (var key in state.Closed.Where(kv => watermark - kv.Value.ClosedFrom > reopenWindow).Select(kv => kv.Key).ToList())
        {
            state.Closed.Remove(key);
        }

        state.Pending.RemoveAll(p => watermark - p.Anomaly.Ts > window + TimeSpan.FromSeconds(policy.LateToleranceSec));
    }
}
