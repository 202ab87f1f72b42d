using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Stats;

/// <summary>
/// A silo's counters since the last flush, by UTC minute. The hot path adds per batch; a flusher drains the
/// minutes into the day grains, so no grain ever sees one call per event.
/// </summary>
public sealed class StatsAccumulator(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<long, StatsCounters> _minutes = [];

    public void Add(Action<StatsCounters> change) => Add(clock.GetUtcNow(), change);

    public void Add(DateTimeOffset at, Action<StatsCounters> change)
    {
        var minute = MinuteOf(at);
        lock (_gate)
        {
            if (!_minutes.TryGetValue(minute, out var counters))
            {
                counters = new StatsCounters();
                _minutes[minute] = counters;
            }

            change(counters);
        }
    }

    /// <summary>Takes the counters gathered so far, keyed by minute since the epoch.</summary>
    public Dictionary<long, StatsCounters> Drain()
    {
        lock (_gate)
        {
            var drained = _minutes;
            _minutes = [];
            return drained;
        }
    }

    /// <summary>Gives back counters a failed flush could not deliver, so that nothing is lost.</summary>
    public void Restore(Dictionary<long, StatsCounters> minutes)
    {
        foreach (var (minute, counters) in minutes)
        {
            Add(DateTimeOffset.UnixEpoch.AddMinutes(minute), into => StatsMath.Add(into, counters));
        }
    }

    public static long MinuteOf(DateTimeOffset at) => (long)(at - DateTimeOffset.UnixEpoch).TotalMinutes;
}
