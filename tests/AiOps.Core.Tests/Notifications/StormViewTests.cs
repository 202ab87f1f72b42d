using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Notifications;

/// <summary>Between the pump's passes a silo sees a storm from the pump's last view plus what it handed off since, each transition once.</summary>
public sealed class StormViewTests
{
    private static readonly NotifyPolicy OnePerMinute = new() { StormDetection = new StormDetection { ThresholdPerMin = 1, WindowMin = 1, CooldownMin = 5 } };
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Transitions_handed_off_since_the_last_pass_start_a_storm_before_the_next_pass()
    {
        var view = new StormView();
        view.CountTransition(OnePerMinute, Noon);
        Assert.False(view.InStorm(OnePerMinute, Noon.AddSeconds(1)));

        view.CountTransition(OnePerMinute, Noon.AddSeconds(2));
        Assert.True(view.InStorm(OnePerMinute, Noon.AddSeconds(3)));
        Assert.True(view.InStorm(OnePerMinute, Noon.AddMinutes(4))); // the cooldown, with nothing new
        Assert.False(view.InStorm(OnePerMinute, Noon.AddMinutes(6)));
    }

    [Fact]
    public void A_transition_the_pump_has_read_from_its_shard_is_not_counted_again()
    {
        var view = new StormView();
        view.CountTransition(OnePerMinute, Noon);
        view.Observed(new Dictionary<long, int> { [Noon.ToUnixTimeSeconds() / 60] = 1 }, DateTimeOffset.MinValue, Noon.AddSeconds(1));

        Assert.False(view.InStorm(OnePerMinute, Noon.AddSeconds(2)));
    }

    [Fact]
    public void The_gates_storm_holds_whatever_this_silo_counted()
    {
        var view = new StormView();
        view.Observed(new Dictionary<long, int>(), Noon.AddMinutes(10), Noon);

        Assert.True(view.InStorm(OnePerMinute, Noon.AddMinutes(9)));
        Assert.False(view.InStorm(OnePerMinute, Noon.AddMinutes(11)));
    }
}
