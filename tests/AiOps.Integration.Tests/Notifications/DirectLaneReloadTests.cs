using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Notifications;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>The direct deliverer follows a reload of <c>dispatch.direct_senders</c> and <c>direct_queue</c> without a restart.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class DirectLaneReloadTests
{
    [Fact]
    public async Task Offers_are_held_as_the_reloaded_policy_says_and_refused_once_the_deliverer_stops()
    {
        var policies = new SwappablePolicies(Bundle(senders: 1, queue: 1));
        // Not started: nothing takes offers out of the queues, so how many are taken shows their size.
        var deliverer = new NotificationDeliverer(null!, new StormView(), null!, new PolicyRuntime(policies), TimeProvider.System,
            NullLogger<NotificationDeliverer>.Instance);

        Assert.Equal(1, OffersTaken(deliverer, 10));

        policies.Current = Bundle(senders: 2, queue: 6);
        Assert.Equal(6, OffersTaken(deliverer, 20));

        await deliverer.StopAsync(CancellationToken.None);
        policies.Current = Bundle(senders: 4, queue: 8);
        Assert.Equal(0, OffersTaken(deliverer, 5));
    }

    // Offers from as many incidents, so that they spread over every queue.
    private static int OffersTaken(NotificationDeliverer deliverer, int offers) =>
        Enumerable.Range(0, offers).Count(n => deliverer.TryOffer($"INC-{Guid.NewGuid():N}-{n}", [], DateTimeOffset.UtcNow.AddMinutes(1)));

    private static PolicyBundle Bundle(int senders, int queue)
    {
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "notify.yaml", "direct_senders: 8\n  direct_queue: 1024", $"direct_senders: {senders}\n  direct_queue: {queue}");
        var bundle = PolicyLoader.Load(folder);
        Directory.Delete(folder, recursive: true);
        return bundle;
    }

    private sealed class SwappablePolicies(PolicyBundle initial) : IPolicyProvider
    {
        public PolicyBundle Current { get; set; } = initial;
    }
}
