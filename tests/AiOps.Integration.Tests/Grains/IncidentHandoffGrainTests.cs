using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Grains;

/// <summary>Merge and split move members between two incidents: a failure between the two never loses them.</summary>
[Collection(ClusterCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Cluster)]
public sealed class IncidentHandoffGrainTests(ClusterFixture fixture)
{
    private static LogMessage Log(string ship, string device, DateTimeOffset ts) => new()
    {
        TrackingId = $"h-{Guid.NewGuid():N}",
        Ts = ts,
        ShipId = ship,
        Domain = Domain.App,
        Service = "orders",
        Level = MessageLevel.Error,
        Msg = "Database connection timeout",
        DeviceId = device,
    };

    private Task SendAsync(string ship, params LogMessage[] logs) =>
        fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "orders"))
            .ProcessAsync(new TelemetryBatch { IngestedAt = DateTimeOffset.UtcNow, Logs = logs });

    /// <summary>The ship's one incident, once it has <paramref name="members"/> members.</summary>
    private async Task<IIncidentGrain> IncidentOfAsync(string ship, int members) =>
        await TestHost.EventuallyAsync(async () =>
        {
            var page = await fixture.Incidents.QueryAsync(new IncidentQuery { ShipId = ship, PerPage = 10 });
            var grain = page.IncidentIds.Count == 1 ? fixture.Grains.GetGrain<IIncidentGrain>(page.IncidentIds[0]) : null;
            return grain is not null && (await grain.GetAsync())?.AnomalyCount == members ? grain : null;
        }, $"the incident of {ship} with {members} members");

    /// <summary>The correlation key that owns the incident, which operator changes go through.</summary>
    private async Task<ICorrelationGrain> KeyOfAsync(IIncidentGrain incident)
    {
        var opened = (await incident.GetAsync())!;
        return fixture.Grains.GetGrain<ICorrelationGrain>(ICorrelationGrain.Key(opened.IncidentType, opened.ShipId));
    }

    /// <summary>
    /// A ship's incident of two members: db-1's stays, db-9's (<c>Moves</c>) is the one to split out into <c>NewId</c>.
    /// </summary>
    private async Task<(string Ship, DateTimeOffset T0, IIncidentGrain Source, LogMessage Moves, string NewId)> TwoMembersToSplitAsync(string name)
    {
        var ship = Events.Ship(name);
        var t0 = DateTimeOffset.UtcNow;
        var moves = Log(ship, "db-9", t0.AddSeconds(2));
        await SendAsync(ship, Log(ship, "db-1", t0), moves);
        return (ship, t0, await IncidentOfAsync(ship, 2), moves, $"INC-split-{Guid.NewGuid():N}");
    }

    /// <summary>Splits the member out as the API does: through the correlation key that owns the incident.</summary>
    private async Task<StatusChangeResult?> SplitAsync(IIncidentGrain source, LogMessage member, string newId) =>
        await (await KeyOfAsync(source)).SplitIncidentAsync(source.GetPrimaryKeyString(), [member.TrackingId], newId, "erik");

    [Fact]
    public async Task A_merge_whose_target_cannot_take_the_members_is_pending_and_finishes_when_the_giver_comes_back()
    {
        var (shipA, shipB) = (Events.Ship("handoff-into"), Events.Ship("handoff-from"));
        var t0 = DateTimeOffset.UtcNow;
        await SendAsync(shipA, Log(shipA, "db-1", t0));
        await SendAsync(shipB, Log(shipB, "db-2", t0), Log(shipB, "db-3", t0.AddSeconds(1)));
        var target = await IncidentOfAsync(shipA, 1);
        var giver = await IncidentOfAsync(shipB, 2);
        var targetId = target.GetPrimaryKeyString();

        // The target's storage fails while the merge is asked for, as when its silo dies between the two writes.
        fixture.Faults.FailNextWrites("incident", int.MaxValue, targetId);
        var answer = await giver.MergeIntoAsync(targetId, "erik");
        fixture.Faults.FailNextWrites("incident", 0);

        Assert.NotNull(answer!.Pending);
        Assert.Null(answer.Incident);
        Assert.Equal(IncidentStatus.Merged, (await giver.GetAsync())!.Status);
        Assert.Equal(1, (await target.GetAsync())!.AnomalyCount);

        // The giver's activation is lost too; whatever activates it next hands the members over.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await giver.GetAsync();
        var merged = await TestHost.EventuallyAsync(async () => await target.GetAsync() is { AnomalyCount: 3 } incident ? incident : null,
            "the merged members in the target");
        Assert.Single(merged.Timeline, entry => entry.Event == "merged_in");
        Assert.Contains(giver.GetPrimaryKeyString(), merged.Related);
    }

    [Fact]
    public async Task After_a_split_a_repeat_of_a_moved_member_is_a_duplicate_of_the_new_incident()
    {
        var (ship, t0, source, moves, newId) = await TwoMembersToSplitAsync("handoff-split");

        var split = await SplitAsync(source, moves, newId);

        Assert.Null(split!.Pending);
        Assert.Equal([moves.TrackingId], split.Incident!.TrackingIds);
        var moved = fixture.Grains.GetGrain<IIncidentGrain>(newId);
        await SendAsync(ship, Log(ship, "db-9", t0.AddSeconds(30)), Log(ship, "db-1", t0.AddSeconds(31)));
        await TestHost.EventuallyAsync(async () => (await moved.GetAsync())?.DuplicateCount == 1 ? "duplicate" : null,
            "the moved member's repeat on the new incident");
        await TestHost.EventuallyAsync(async () => (await source.GetAsync())?.DuplicateCount == 1 ? "duplicate" : null,
            "the staying member's repeat on the old incident");
        Assert.Equal(1, (await moved.GetAsync())!.AnomalyCount);
    }

    [Fact]
    public async Task A_split_delivered_late_reaches_the_correlation_key_with_the_old_incidents_next_answer()
    {
        var (ship, t0, source, moves, newId) = await TwoMembersToSplitAsync("handoff-late-split");

        // The new incident's storage fails while the split is asked for: recorded on the source, pending.
        fixture.Faults.FailNextWrites("incident", int.MaxValue, newId);
        var split = await SplitAsync(source, moves, newId);
        fixture.Faults.FailNextWrites("incident", 0);
        Assert.NotNull(split!.Pending);
        Assert.Null(split.MovedOut);

        // The reminder delivers it; the source cannot tell its key (that would be a call upstream), so it keeps it.
        await source.AsReference<IRemindable>().ReceiveReminder("handoff-pending", default);
        var moved = fixture.Grains.GetGrain<IIncidentGrain>(newId);
        Assert.Equal([moves.TrackingId], (await moved.GetAsync())!.TrackingIds);

        // The staying member's repeat goes to the source, whose answer carries the split; the moved member's repeat
        // after it goes to the new incident.
        await SendAsync(ship, Log(ship, "db-1", t0.AddSeconds(30)));
        await SendAsync(ship, Log(ship, "db-9", t0.AddSeconds(31)));
        Assert.Equal(1, (await source.GetAsync())!.DuplicateCount);
        Assert.Equal(1, (await moved.GetAsync())!.DuplicateCount);
    }

    [Fact]
    public async Task Incidents_never_call_upstream_their_key_applies_what_they_answer()
    {
        var ship = Events.Ship("handoff-one-way");
        var t0 = DateTimeOffset.UtcNow;
        var first = Log(ship, "db-1", t0);
        var second = Log(ship, "db-2", t0.AddSeconds(1));
        await SendAsync(ship, first, second);
        var incident = await IncidentOfAsync(ship, 2);
        var id = incident.GetPrimaryKeyString();
        var key = await KeyOfAsync(incident);
        fixture.Calls.Clear();

        var newId = $"INC-split-{Guid.NewGuid():N}";
        Assert.NotNull((await key.SplitIncidentAsync(id, [second.TrackingId], newId, "erik"))!.MovedOut);
        Assert.Equal(IncidentStatus.Resolved, (await key.ChangeIncidentStatusAsync(id, new StatusChangeRequest(IncidentStatus.Resolved, null, "erik")))!.Incident!.Status);
        Assert.Equal(IncidentStatus.Open, (await key.ReopenIncidentAsync(id, "erik", "not fixed after all"))!.Incident!.Status);
        Assert.Equal(newId, (await key.MergeIncidentAsync(id, newId, "erik"))!.Incident!.IncidentId);
        Assert.Equal(IncidentStatus.Merged, (await incident.GetAsync())!.Status);

        // The next event of the merged incident's window goes where its members went, at once (as a member: the
        // resolve closed its window and forgot its fingerprints, the reopen opened the window again).
        var into = fixture.Grains.GetGrain<IIncidentGrain>(newId);
        Assert.Equal(2, (await into.GetAsync())!.AnomalyCount);
        await SendAsync(ship, Log(ship, "db-1", t0.AddSeconds(30)));
        Assert.Equal(3, (await into.GetAsync()) is { } taken ? taken.AnomalyCount + taken.DuplicateCount : 0);
        Assert.Equal(1, (await incident.GetAsync())!.AnomalyCount);

        var upstream = fixture.Calls.CalledBy(caller => caller.Type.ToString() is var type && type.Contains("incident", StringComparison.Ordinal))
            .Where(method => method.StartsWith("ICorrelationGrain.", StringComparison.Ordinal) || method.StartsWith("IServiceMonitorGrain.", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(upstream);
        Assert.Contains("IIncidentGrain.AbsorbAsync", fixture.Calls.CalledBy(caller => caller.Type.ToString().Contains("incident", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_pending_merge_keeps_its_reminder_until_a_tick_delivers_it_and_then_drops_it()
    {
        var (shipA, shipB) = (Events.Ship("tick-into"), Events.Ship("tick-from"));
        var t0 = DateTimeOffset.UtcNow;
        await SendAsync(shipA, Log(shipA, "db-1", t0));
        await SendAsync(shipB, Log(shipB, "db-2", t0));
        var target = await IncidentOfAsync(shipA, 1);
        var giver = await IncidentOfAsync(shipB, 1);
        var reminders = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>();
        var giverId = giver.GetGrainId();

        fixture.Faults.FailNextWrites("incident", int.MaxValue, target.GetPrimaryKeyString());
        Assert.NotNull((await giver.MergeIntoAsync(target.GetPrimaryKeyString(), "erik"))!.Pending);
        fixture.Faults.FailNextWrites("incident", 0);
        Assert.Contains((await reminders.ReadRows(giverId)).Reminders, r => r.ReminderName == "handoff-pending");

        await giver.AsReference<IRemindable>().ReceiveReminder("handoff-pending", default);

        Assert.Equal(2, (await target.GetAsync())!.AnomalyCount);
        Assert.DoesNotContain((await reminders.ReadRows(giverId)).Reminders, r => r.ReminderName == "handoff-pending");
    }
}
