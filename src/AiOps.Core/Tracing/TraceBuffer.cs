using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>
/// The newest traces up to a fixed capacity; the oldest go first. A record for a known id merges into it,
/// stage by stage, so stages written by different grains end up in one trace.
/// </summary>
public sealed class TraceBuffer(int capacity)
{
    private readonly Dictionary<string, TraceRecord> _traces = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _traces.Count;

    public void Record(TraceRecord record)
    {
        if (_traces.TryGetValue(record.TrackingId, out var known))
        {
            _traces[record.TrackingId] = Merge(known, record);
            return;
        }

        _traces[record.TrackingId] = record;
        _order.Enqueue(record.TrackingId);
        while (_traces.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _traces.Remove(oldest);
        }
    }

    public TraceRecord? Get(string trackingId) => _traces.GetValueOrDefault(trackingId);

    /// <summary>Forgets traces that began before <paramref name="before"/>; returns how many.</summary>
    public int Prune(DateTimeOffset before)
    {
        var old = _traces.Where(t => t.Value.Stages.Count == 0 || t.Value.Stages.Min(s => s.Ts) < before).Select(t => t.Key).ToList();
        foreach (var id in old)
        {
            _traces.Remove(id);
        }

        return old.Count;
    }

    private static TraceRecord Merge(TraceRecord known, TraceRecord update)
    {
        var stages = known.Stages.Where(s => update.Stages.All(u => u.Stage != s.Stage)).Concat(update.Stages).ToList();
        return known with { Status = update.Status, Stages = stages, IncidentId = update.IncidentId ?? known.IncidentId };
    }
}
