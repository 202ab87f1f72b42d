using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>
/// Traces of normal events, in memory on the silo that processed them: a striped, fixed-size ring, so a
/// trace stays answerable at full throughput without a grain call or activation per event.
/// </summary>
public sealed class RecentTraceStore
{
    public const string NoAnomaly = "no_anomaly";

    private readonly Shard[] _shards;

    public RecentTraceStore(int capacity)
    {
        _shards = new Shard[16];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard(Math.Max(1, capacity / _shards.Length));
        }
    }

    public void Record(string trackingId, DateTimeOffset ingestedAt, DateTimeOffset detectedAt) =>
        ShardOf(trackingId).Record(trackingId, ingestedAt.UtcTicks, detectedAt.UtcTicks);

    public TraceRecord? Get(string trackingId)
    {
        if (!ShardOf(trackingId).TryGet(trackingId, out var ingested, out var detected))
        {
            return null;
        }

        return new TraceRecord
        {
            TrackingId = trackingId,
            Status = NoAnomaly,
            Stages =
            [
                new TraceStage("ingested", new DateTimeOffset(ingested, TimeSpan.Zero), "ok"),
                new TraceStage("detected", new DateTimeOffset(detected, TimeSpan.Zero), NoAnomaly),
            ],
        };
    }

    private Shard ShardOf(string trackingId) => _shards[(uint)Contracts.StableHash.Of(trackingId) % (uint)_shards.Length];

    private sealed class Shard(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (long Ingested, long Detected)> _entries = new(StringComparer.Ordinal);
        private readonly string?[] _ring = new string?[capacity];
        private int _next;

        public void Record(string id, long ingested, long detected)
        {
            lock (_gate)
            {
                if (_entries.ContainsKey(id))
                {
                    _entries[id] = (ingested, detected);
                    return;
                }

                if (_ring[_next] is { } evicted)
                {
                    _entries.Remove(evicted);
                }

                _ring[_next] = id;
                _next = (_next + 1) % _ring.Length;
                _entries[id] = (ingested, detected);
            }
        }

        public bool TryGet(string id, out long ingested, out long detected)
        {
            lock (_gate)
            {
                var found = _entries.TryGetValue(id, out var entry);
                (ingested, detected) = entry;
                return found;
            }
        }
    }
}
