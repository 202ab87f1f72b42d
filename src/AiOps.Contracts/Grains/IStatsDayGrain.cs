using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// Per-minute counters of one UTC day (key: <c>yyyy-MM-dd</c>). Silos add their deltas every second or so,
/// so the load spreads over days and silos, and no grain sees a call per event.
/// </summary>
[Alias("aiops.stats-day-grain")]
public interface IStatsDayGrain : IGrainWithStringKey
{
    /// <summary>Adds counters keyed by minute of the day (0..1439).</summary>
    Task AddAsync(IReadOnlyDictionary<int, StatsCounters> minutes);

    /// <summary>The sum of the minutes from <paramref name="fromMinute"/> to <paramref name="toMinute"/> inclusive.</summary>
    Task<StatsCounters> SumAsync(int fromMinute, int toMinute);

    /// <summary>Removes the day's counters (retention).</summary>
    Task ClearAsync();
}
