using AiOps.Core.Policy;

namespace AiOps.Core.Notifications;

/// <summary>
/// The fleet's storm as one silo sees it between the pump's passes: what the pump last observed (the shards'
/// transitions per minute, summed, and the gate's storm) plus the transitions handed off in this silo since, so
/// that a storm beginning between two passes turns e-mail into the digest from its first transitions, not a pass
/// later. Other silos' transitions since the last pass are seen at the next one (about a second later).
/// Thread-safe: grain turns count transitions, delivery workers ask.
/// </summary>
public sealed class StormView
{
    private readonly Lock _lock = new();
    private readonly GateState _state = new();
    private readonly Dictionary<long, int> _handedOffBySecond = [];
    private Dictionary<long, int> _observed = [];

    /// <summary>A pump's pass: the fleet's counts as read from the shards from <paramref name="polledAt"/> on, and the gate's storm.</summary>
    public void Observed(IReadOnlyDictionary<long, int> fleetPerMinute, DateTimeOffset stormUntil, DateTimeOffset polledAt)
    {
        lock (_lock)
        {
            _observed = new Dictionary<long, int>(fleetPerMinute);
            _state.StormUntil = stormUntil > _state.StormUntil ? stormUntil : _state.StormUntil;
            // What was handed off before the shards were read is in their counts now. From the poll's second on a
            // transition may be counted twice (in a shard and here); that errs towards the digest, for a second.
            Forget(polledAt.ToUnixTimeSeconds());
        }
    }

    /// <summary>One transition handed off in this silo (its shard counts it too; the pump's next pass reads that).</summary>
    public void CountTransition(NotifyPolicy fleet, DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        lock (_lock)
        {
            if (_handedOffBySecond.TryAdd(second, 1))
            {
                Forget(second - (fleet.StormDetection.WindowMin * 60L));
            }
            else
            {
                _handedOffBySecond[second]++;
            }
        }
    }

    public bool InStorm(NotifyPolicy fleet, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_state.StormUntil > now)
            {
                return true;
            }

            var perMinute = new Dictionary<long, int>(_observed);
            foreach (var (second, count) in _handedOffBySecond)
            {
                perMinute[second / 60] = perMinute.GetValueOrDefault(second / 60) + count;
            }

            NotificationGate.ObserveStorm(_state, fleet, perMinute, now);
            return _state.StormUntil > now;
        }
    }

    private void Forget(long beforeSecond)
    {
        foreach (var second in _handedOffBySecond.Keys.Where(s => s < beforeSecond).ToList())
        {
            _handedOffBySecond.Remove(second);
        }
    }
}
