using AiOps.Contracts.Grains;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Notifications;

/// <summary>Storm detection over dispatcher shards decides as the single fleet-wide counter did.</summary>
public sealed class ShardedStormTests
{
    private static readonly NotifyPolicy Shipped = TestPolicies.Shipped.Notify;
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_storm_spread_over_shards_is_seen_from_their_sum_although_no_shard_alone_storms()
    {
        var storm = Shipped.StormDetection;
        var perShard = storm.ThresholdPerMin * storm.WindowMin / 4 + 1; // four shards together are just over the threshold
        var shards = Enumerable.Range(0, 4).Select(_ => new Dictionary<long, int>()).ToList();
        var single = new GateState();
        for (var i = 0; i < perShard * 4; i++)
        {
            var at = Noon.AddMilliseconds(i);
            NotificationGate.Tally(shards[i % 4], Shipped, at);
            NotificationGate.CountTransition(single, Shipped, at);
        }

        var now = Noon.AddSeconds(1);
        Assert.All(shards, s => Assert.False(NotificationGate.ObserveStorm(new GateState(), Shipped, s, now)));
        var fleet = new GateState();
        Assert.True(NotificationGate.ObserveStorm(fleet, Shipped, NotificationGate.Sum(shards), now));
        Assert.True(NotificationGate.InStorm(single, Shipped, now)); // the old single counter agrees
        Assert.Equal(perShard * 4, NotificationGate.Sum(shards).Values.Sum());
        Assert.True(NotificationGate.InStorm(fleet, Shipped, now.AddMinutes(storm.CooldownMin).AddSeconds(-2)));
        Assert.False(NotificationGate.InStorm(fleet, Shipped, now.AddMinutes(storm.CooldownMin).AddSeconds(1)));
    }

    [Fact]
    public void Below_the_threshold_summed_over_the_window_there_is_no_storm_and_old_minutes_drop_out()
    {
        var storm = Shipped.StormDetection;
        var shard = new Dictionary<long, int>();
        for (var i = 0; i < storm.ThresholdPerMin * storm.WindowMin; i++)
        {
            NotificationGate.Tally(shard, Shipped, Noon.AddMilliseconds(i)); // exactly at the threshold is not over it
        }

        Assert.False(NotificationGate.ObserveStorm(new GateState(), Shipped, shard, Noon.AddSeconds(1)));
        NotificationGate.Tally(shard, Shipped, Noon.AddMinutes(storm.WindowMin));
        Assert.Equal([Noon.AddMinutes(storm.WindowMin).ToUnixTimeSeconds() / 60], shard.Keys);
    }

    [Fact]
    public void The_gate_split_in_two_decides_as_admit_did()
    {
        var state = new GateState();
        var limit = Shipped.Channels.Email.RateLimitPerMin;
        for (var i = 0; i < limit; i++)
        {
            Assert.Null(NotificationGate.Screen(Shipped, "email", Contracts.Severity.Critical, inStorm: false, Noon));
            Assert.Equal(Admission.Send, NotificationGate.TakeRate(state, Shipped, "email", Noon));
        }

        Assert.Equal(Noon.AddMinutes(1), NotificationGate.TakeRate(state, Shipped, "email", Noon).RetryAt);
        Assert.Equal(Admission.Digest, NotificationGate.Screen(Shipped, "email", Contracts.Severity.Critical, inStorm: true, Noon));
        Assert.Null(NotificationGate.Screen(Shipped, "webhook", Contracts.Severity.Critical, inStorm: true, Noon));
        Assert.Equal(0, NotificationGate.RateLimitOf(Shipped, "unknown"));
    }
}
