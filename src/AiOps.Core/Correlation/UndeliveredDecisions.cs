namespace AiOps.Core.Correlation;

/// <summary>Keeps the write-ahead decisions of a correlation key bounded.</summary>
public static class UndeliveredDecisions
{
    /// <summary>
    /// Twice the events the ingest has in flight by default (<c>dispatch_max_events</c>), so only entries whose
    /// retry never comes are dropped: ones told just before a crash, whose removal was not saved yet.
    /// </summary>
    public const int Capacity = 100_000;

    public static void Bound(Dictionary<string, SavedDecision> undelivered, int capacity = Capacity)
    {
        if (undelivered.Count <= capacity)
        {
            return;
        }

        foreach (var stale in undelivered.OrderBy(kv => kv.Value.SavedAt).Take(undelivered.Count - capacity).Select(kv => kv.Key).ToList())
        {
            undelivered.Remove(stale);
        }
    }
}
