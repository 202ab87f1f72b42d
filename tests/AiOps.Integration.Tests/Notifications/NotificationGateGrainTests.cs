using AiOps.Contracts.Grains;
using AiOps.Core.Policy;
using AiOps.Integration.Tests.Grains;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// The fleet's notification gate counts rate-limit slots in memory: a send costs it no write (it is one grain for
/// the whole fleet), and the counts are written when it deactivates, so they come back with it.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class NotificationGateGrainTests(ClusterFixture fixture)
{
    private static readonly int WebhookLimit =
        PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies")).Fleet.Notify.Channels.Webhook.RateLimitPerMin;

    [Fact]
    public async Task Rate_limit_slots_cost_no_write_and_the_counts_survive_the_gates_deactivation()
    {
        // The counts are per minute: an attempt that straddles a minute boundary proves nothing and is made again.
        for (var attempt = 0; ; attempt++)
        {
            var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
            var (overLimit, afterReactivation) = await TakeAllThenReactivateAsync();
            if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 != minute && attempt < 3)
            {
                continue;
            }

            Assert.Equal("wait", overLimit.Verdict);
            Assert.Equal("wait", afterReactivation.Verdict);
            return;
        }
    }

    private async Task<(Admission OverLimit, Admission AfterReactivation)> TakeAllThenReactivateAsync()
    {
        var key = "gate-test-" + Guid.NewGuid().ToString("N");
        var gate = fixture.Grains.GetGrain<INotificationGateGrain>(key);
        for (var i = 0; i < WebhookLimit; i++)
        {
            Assert.Equal(Admission.Send, await gate.TakeRateAsync("ship-a", "webhook"));
        }

        await gate.GiveBackRateAsync("webhook", DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60);
        Assert.Equal(Admission.Send, await gate.TakeRateAsync("ship-a", "webhook"));
        var overLimit = await gate.TakeRateAsync("ship-a", "webhook");
        Assert.Equal(0, fixture.Faults.WritesOf("notification-gate", key));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await TestHost.EventuallyAsync<object>(
            () => Task.FromResult<object?>(fixture.Faults.WritesOf("notification-gate", key) > 0 ? true : null), "the gate's write on deactivation");
        return (overLimit, await gate.TakeRateAsync("ship-a", "webhook"));
    }
}
