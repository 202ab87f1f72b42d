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

        foreach (var seen in state.Fingerprints.Values.Where(f => f.IncidentId == mergedId))
        {
            seen.IncidentId = intoId;
        }

        state.Closed.Remove(mergedId);
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
