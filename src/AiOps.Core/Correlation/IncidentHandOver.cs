using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

/// <summary>Correlation state that follows an operator's fix: a merged incident's window and fingerprints, a resolved incident that may reopen.</summary>
public static class IncidentHandOver
{
    /// <summary>Anomalies that would have joined (or deduplicated into) the merged incident now go to the one that took it.</summary>
    public static void Retarget(CorrelationState state, string mergedId, string intoId)
    {
        foreach (var window in state.Windows.Where(w => w.IncidentId == mergedId))
        {
            window.IncidentId = intoId;
        }

        foreach (var (fingerprint, seen) in state.Fingerprints.Where(kv => kv.Value.IncidentId == mergedId).ToList())
        {
            state.Fingerprints[fingerprint] = seen with { IncidentId = intoId };
        }

        foreach (var alert in state.AlertIncidents.Where(kv => kv.Value == mergedId).Select(kv => kv.Key).ToList())
        {
            state.AlertIncidents[alert] = intoId;
        }

        state.Closed.Remove(mergedId);
    }

    /// <summary>
    /// Members split out into a new incident: repeats of their fingerprints and alerts go to it, and it gets a
    /// window where its members lie, so a member's repeat is its duplicate rather than the old incident's.
    /// </summary>
    public static void MoveMembers(CorrelationState state, IncidentHandoff handoff)
    {
        var movedTo = handoff.ToIncidentId;
        foreach (var fingerprint in handoff.Fingerprints)
        {
            if (state.Fingerprints.TryGetValue(fingerprint, out var seen) && seen.IncidentId == handoff.FromIncidentId)
            {
                state.Fingerprints[fingerprint] = seen with { IncidentId = movedTo };
            }
        }

        foreach (var alert in handoff.FiringAlerts)
        {
            if (state.AlertIncidents.TryGetValue(alert, out var owner) && owner == handoff.FromIncidentId)
            {
                state.AlertIncidents[alert] = movedTo;
            }
        }

        if (!state.Windows.Exists(w => w.IncidentId == movedTo))
        {
            state.Windows.Add(new IncidentWindow { IncidentId = movedTo, FirstTs = handoff.Part.FirstEventTs, LastTs = handoff.Part.LastEventTs });
        }
    }

    /// <summary>The most recently closed incident that an anomaly at <paramref name="ts"/> reopens, or null.</summary>
    public static string? ReopenableBy(CorrelationState state, DateTimeOffset ts, TimeSpan reopenWindow)
    {
        if (reopenWindow <= TimeSpan.Zero || state.Closed.Count == 0)
        {
            return null;
        }

        return state.Closed
            .Where(kv => ts > kv.Value.LastEventTs && ts <= kv.Value.ClosedFrom + reopenWindow)
            .OrderByDescending(kv => kv.Value.ClosedFrom)
            .Select(kv => kv.Key)
            .FirstOrDefault();
    }
}
