using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// An incident hands the notifications of a transition to its silo's deliverer in the turn that wrote them: they
/// go out without a pump pass, in few grain calls, and the pump sends only what the deliverer did not finish, never
/// an entry the deliverer holds.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Cluster)]
public sealed class DirectDeliveryTests
{
    private static string Key(string incidentId, string transition = "opened") => $"{incidentId}/{transition}/webhook";

    private static Task AttemptedAsync(DirectCluster cluster, string key, int times) =>
        TestHost.EventuallyAsync(() => Task.FromResult(cluster.Webhook.AttemptsOf(key) >= times ? (bool?)true : null), $"{times} attempts of {key}");

    [Fact]
    public async Task Each_transitions_notification_is_sent_and_recorded_with_no_pump_running()
    {
        await using var cluster = await DirectCluster.StartAsync();
        var incidentId = await cluster.OpenIncidentAsync(Events.Ship("direct"));

        // This cluster has no pump: only the direct path can deliver and record these.
        await cluster.DeliveryRecordedAsync(incidentId);
        await cluster.Grains.GetGrain<IIncidentGrain>(incidentId).ChangeStatusAsync(new StatusChangeRequest(IncidentStatus.Ack, null, "erik"));
        await AttemptedAsync(cluster, Key(incidentId, "ack"), 1);

        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(incidentId)));
        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(incidentId, "ack")));
        await TestHost.EventuallyAsync(async () => await cluster.NothingPendingAsync(incidentId) ? (bool?)true : null, "the ack recorded");
    }

    [Fact]
    public async Task A_pump_that_finds_nothing_pending_has_the_incident_take_itself_off_the_shard_that_listed_it_in_its_own_turn()
    {
        // The pump used to read "nothing pending" from the incident and then take it off the shard itself: a
        // transition in between listed it again and the removal dropped it, new notifications and all. Now the
        // incident removes itself inside the call that found nothing pending, where no transition can interleave.
        await using var cluster = await DirectCluster.StartAsync();
        var incidentId = await cluster.OpenIncidentAsync(Events.Ship("listed"));
        await cluster.DeliveryRecordedAsync(incidentId);
        var legacy = cluster.Grains.GetGrain<INotificationDispatcherGrain>(INotificationDispatcherGrain.LegacyKey);
        await legacy.TransitionAsync(incidentId, "listed"); // a listing left on the shard of before sharding
        cluster.Calls.Clear();

        await DirectCluster.PassAsync(cluster.Pump());

        Assert.DoesNotContain(incidentId, (await legacy.PollAsync()).Pending);
        Assert.Equal(
            ["IIncidentGrain.TakeDueNotificationsAsync", "INotificationDispatcherGrain.DoneAsync"],
            cluster.Calls.Of("IIncidentGrain.TakeDueNotificationsAsync", "INotificationDispatcherGrain.DoneAsync"));
        // Made by the incident, inside its call, not by the pump after it.
        Assert.Equal([incidentId], cluster.Calls.CallersOf("INotificationDispatcherGrain.DoneAsync").Select(caller => caller?.Key.ToString()));

        // Listed again by a transition, with its notification pending: a pass that takes nothing off leaves it listed.
        await cluster.Grains.GetGrain<IIncidentGrain>(incidentId).ChangeStatusAsync(new StatusChangeRequest(IncidentStatus.Ack, null, "erik"));
        await AttemptedAsync(cluster, Key(incidentId, "ack"), 1);
        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(incidentId, "ack")));
    }

    [Fact]
    public async Task One_notification_on_the_direct_path_takes_the_transition_its_record_and_the_shards_done()
    {
        await using var cluster = await DirectCluster.StartAsync();
        var incidentId = await cluster.OpenIncidentAsync(Events.Ship("calls"));
        // Once the timeline shows the record, the record's turn (and the shard call in it) is over.
        await cluster.DeliveryRecordedAsync(incidentId);

        // The pump's way took a poll of every shard and the gate's storm check each second, then a lease, the record
        // and a second pass to find nothing pending. A rate-limited channel adds one INotificationGateGrain.TakeRateAsync.
        Assert.Equal(
            ["INotificationDispatcherGrain.TransitionAsync", "IIncidentGrain.RecordNotificationAsync", "INotificationDispatcherGrain.DoneAsync"],
            cluster.Calls.Of("INotificationDispatcherGrain.", "INotificationGateGrain.", "IIncidentGrain.TakeDueNotificationsAsync", "IIncidentGrain.RecordNotificationAsync"));
    }

    [Fact]
    public async Task A_notification_the_rate_limit_holds_back_on_the_direct_path_is_sent_by_the_pump_in_the_next_minute_once()
    {
        await using var cluster = await DirectCluster.StartAsync(webhookRatePerMin: 1);
        // To the start of a minute, so that both openings fall into one rate-limit minute.
        var now = cluster.Clock.GetUtcNow();
        cluster.Clock.Advance(TimeSpan.FromSeconds(61 - now.Second));
        var first = await cluster.OpenIncidentAsync(Events.Ship("rate-a"));
        await cluster.DeliveryRecordedAsync(first);

        var second = await cluster.OpenIncidentAsync(Events.Ship("rate-b"));
        await TestHost.EventuallyAsync(() => Task.FromResult(cluster.Calls.Count("IIncidentGrain.RecordNotificationAsync", Key(second)) == 1 ? (bool?)true : null),
            "the deliverer recording the wait");
        var pump = cluster.Pump();
        await DirectCluster.PassAsync(pump);
        Assert.Equal(0, cluster.Webhook.AttemptsOf(Key(second)));

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await TestHost.EventuallyAsync(async () =>
        {
            await DirectCluster.PassAsync(pump);
            return cluster.Webhook.AttemptsOf(Key(second)) > 0 ? (bool?)true : null;
        }, "the pump's send in the next minute");
        await cluster.DeliveryRecordedAsync(second);
        await DirectCluster.PassAsync(pump);

        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(first)));
        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(second)));
        Assert.True(await cluster.NothingPendingAsync(second));
    }

    [Fact]
    public async Task A_backlog_waiting_for_the_rate_limit_is_set_aside_by_the_pump_until_due_not_called_on_every_pass()
    {
        // Every pass used to call every pending incident, and at each minute record the wait again on each one (a
        // write): with a rate-limited receiver working through a storm's backlog, thousands of calls a second.
        await using var cluster = await DirectCluster.StartAsync(webhookRatePerMin: 1);
        var now = cluster.Clock.GetUtcNow();
        cluster.Clock.Advance(TimeSpan.FromSeconds(61 - now.Second)); // all openings in one rate-limit minute
        var first = await cluster.OpenIncidentAsync(Events.Ship("backlog"));
        await cluster.DeliveryRecordedAsync(first);
        var waiting = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            waiting.Add(await cluster.OpenIncidentAsync(Events.Ship($"backlog-{i}")));
        }

        await TestHost.EventuallyAsync(() => Task.FromResult(
            waiting.All(id => cluster.Calls.Count("IIncidentGrain.RecordNotificationAsync", Key(id)) == 1) ? (bool?)true : null), "the deliverer recording each wait");
        var pump = cluster.Pump();
        await DirectCluster.PassAsync(pump);
        cluster.Calls.Clear();
        await DirectCluster.PassAsync(pump);
        await DirectCluster.PassAsync(pump);
        Assert.Empty(cluster.Calls.Of("IIncidentGrain.TakeDueNotificationsAsync"));

        // A transition brings its incident back at once.
        await cluster.Grains.GetGrain<IIncidentGrain>(waiting[0]).ChangeStatusAsync(new StatusChangeRequest(IncidentStatus.Ack, null, "erik"));
        await TestHost.EventuallyAsync(() => Task.FromResult(
            cluster.Calls.Count("IIncidentGrain.RecordNotificationAsync", Key(waiting[0], "ack")) == 1 ? (bool?)true : null), "the ack's wait recorded");
        cluster.Calls.Clear();
        await DirectCluster.PassAsync(pump);
        Assert.Single(cluster.Calls.Of("IIncidentGrain.TakeDueNotificationsAsync"));

        // The next minute: one is sent; once the channel waits again, the rest are not taken, so their waits are not
        // recorded again (only what was already in flight: the pass works on 8 incidents at a time).
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        cluster.Calls.Clear();
        await DirectCluster.PassAsync(pump);
        Assert.Equal(1, waiting.Sum(id => cluster.Webhook.AttemptsOf(Key(id)) + cluster.Webhook.AttemptsOf(Key(id, "ack"))));
        Assert.InRange(cluster.Calls.Of("IIncidentGrain.RecordNotificationAsync").Count, 1, 10);
        Assert.True(cluster.Calls.Of("IIncidentGrain.TakeDueNotificationsAsync").Count >= waiting.Count);
    }

    [Fact]
    public async Task A_direct_send_that_never_finishes_is_sent_by_the_pump_after_the_lease_under_the_same_key()
    {
        await using var cluster = await DirectCluster.StartAsync();
        var ship = Events.Ship("lost");
        // The first attempt hangs, as on a silo that dies mid-send; the deliverer never records it.
        cluster.Webhook.Holds = e => e.ShipId == ship && cluster.Webhook.AttemptsOf(e.Key) == 0;
        var incidentId = await cluster.OpenIncidentAsync(ship);
        await AttemptedAsync(cluster, Key(incidentId), 1);

        // Leased to the deliverer: the pump leaves it alone.
        var pump = cluster.Pump();
        await DirectCluster.PassAsync(pump);
        await DirectCluster.PassAsync(pump);
        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(incidentId)));

        cluster.Clock.Advance(Outbox.Lease + TimeSpan.FromSeconds(1));
        await TestHost.EventuallyAsync(async () =>
        {
            await DirectCluster.PassAsync(pump);
            return cluster.Webhook.AttemptsOf(Key(incidentId)) == 2 ? (bool?)true : null;
        }, "the pump's send after the lease");
        await cluster.DeliveryRecordedAsync(incidentId);
        await DirectCluster.PassAsync(pump);

        Assert.Equal([Key(incidentId), Key(incidentId)], cluster.Webhook.AttemptsFor(ship).Select(e => e.Key));
        Assert.True(await cluster.NothingPendingAsync(incidentId));
    }

    [Fact]
    public async Task An_offer_the_full_queue_refuses_is_not_leased_and_the_pumps_next_pass_sends_it()
    {
        // One sender with room for one offer behind the one it is sending.
        await using var cluster = await DirectCluster.StartAsync(directSenders: 1);
        var (a, b, c) = (Events.Ship("full-a"), Events.Ship("full-b"), Events.Ship("full-c"));
        cluster.Webhook.Holds = e => e.ShipId == a;
        var sending = await cluster.OpenIncidentAsync(a);
        await AttemptedAsync(cluster, Key(sending), 1);
        var queued = await cluster.OpenIncidentAsync(b);
        var refused = await cluster.OpenIncidentAsync(c);

        // No lease on the refused one: the pump's next pass sends it, and leaves the two the deliverer holds.
        await DirectCluster.PassAsync(cluster.Pump());
        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(refused)));
        Assert.Equal(0, cluster.Webhook.AttemptsOf(Key(queued)));
        Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(sending)));

        cluster.Webhook.Release();
        foreach (var incidentId in new[] { sending, queued, refused })
        {
            await cluster.DeliveryRecordedAsync(incidentId);
        }

        await DirectCluster.PassAsync(cluster.Pump());
        Assert.All(new[] { sending, queued, refused }, id => Assert.Equal(1, cluster.Webhook.AttemptsOf(Key(id))));
    }
}
