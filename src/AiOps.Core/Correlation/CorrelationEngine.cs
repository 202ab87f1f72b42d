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

    public IReadOnlyList<CorrelationDecision> Correlate(CorrelationState state, IReadOnlyList<CorrelationCandidate> candidates)
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
        if (change.Status is not (IncidentStatus.Resolved or IncidentStatus.Suppressed))
        {
            return;
        }

        state.Windows.RemoveAll(w => w.IncidentId == change.IncidentId);
        foreach (var stale in state.Fingerprints.Where(kv => kv.Value.IncidentId == change.IncidentId).Select(kv => kv.Key).ToList())
        {
            state.Fingerprints.Remove(stale);
        }

        foreach (var alert in state.AlertIncidents.Where(kv => kv.Value == change.IncidentId).Select(kv => kv.Key).ToList())
        {
            state.AlertIncidents.Remove(alert);
        }

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
            if (ts > seen.LastTs)
            {
                seen.LastTs = ts;
            }

            duplicateOf.Extend(ts);
            decisions.Add(new(candidate, CorrelationVerdict.Duplicate, duplicateOf.IncidentId));
            return;
        }

        var joined = state.Windows.Where(w => w.Admits(ts, window)).MinBy(w => w.DistanceTo(ts));
        if (joined is not null)
        {
            joined.Extend(ts);
            Remember(state, fingerprint, ts, joined.IncidentId);
            decisions.Add(new(candidate, CorrelationVerdict.Joined, joined.IncidentId));
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
            Remember(state, Fingerprint.Of(member.Anomaly), member.Anomaly.Ts, opened.IncidentId);
            decisions.Add(new(member, CorrelationVerdict.Opened, opened.IncidentId));
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
        foreach (var key in state.Fingerprints.Where(kv => watermark - kv.Value.LastTs > horizon).Select(kv => kv.Key).ToList())
        {
            state.Fingerprints.Remove(key);
        }

        foreach (var key in state.Suppressions.Where(kv => watermark > kv.Value.Until).Select(kv => kv.Key).ToList())
        {
            state.Suppressions.Remove(key);
        }

        state.Pending.RemoveAll(p => watermark - p.Anomaly.Ts > window + TimeSpan.FromSeconds(policy.LateToleranceSec));
    }
}
