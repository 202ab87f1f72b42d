using System.Collections.Concurrent;
using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Notifications;
using AiOps.Integration.Tests.Grains;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>The notification bookkeeping is sharded by ship: no shard sees every transition, none is lost or counted twice.</summary>
[Collection(ClusterCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Cluster)]
public sealed class DispatcherShardTests(ClusterFixture fixture)
{
    private static readonly PolicyRuntime Policy = new(new StaticPolicyProvider(PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies"))));

    private static string ShardOf(string ship) => INotificationDispatcherGrain.KeyOf(ship, Policy.Fleet.Notify.Dispatch.Shards);

    private async Task OpenIncidentAsync(string ship)
    {
        var now = DateTimeOffset.UtcNow;
        var log = new LogMessage
        {
            TrackingId = $"g-{Guid.NewGuid():N}", Ts = now, ShipId = ship, Domain = Domain.App, Service = "pms-db",
            Level = MessageLevel.Error, Msg = "Database connection timeout", DeviceId = "db-1",
        };
        await fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "pms-db"))
            .ProcessAsync(new TelemetryBatch { IngestedAt = now, Logs = [log] });
    }

    /// <summary>Every shard's pending incidents of the given ships, as (ship, shard key, incident id).</summary>
    private async Task<List<(string Ship, string Shard, string IncidentId)>> PendingOfAsync(params string[] ships)
    {
        var keys = Enumerable.Range(0, Policy.Fleet.Notify.Dispatch.Shards).Select(INotificationDispatcherGrain.ShardKey)
            .Append(INotificationDispatcherGrain.LegacyKey);
        var found = new List<(string, string, string)>();
        foreach (var key in keys)
        {
            foreach (var id in (await fixture.Grains.GetGrain<INotificationDispatcherGrain>(key).PollAsync()).Pending)
            {
                var incident = await fixture.Grains.GetGrain<IIncidentGrain>(id).GetAsync();
                if (incident is not null && ships.Contains(incident.ShipId))
                {
                    found.Add((incident.ShipId, key, id));
                }
            }
        }

        return found;
    }

    [Fact]
    public async Task Two_ships_transitions_go_to_their_own_shards_and_the_pump_sends_each_once()
    {
        var a = Events.Ship("shard-a");
        var b = Events.Ship("shard-b");
        while (ShardOf(b) == ShardOf(a))
        {
            b = Events.Ship("shard-b");
        }

        await OpenIncidentAsync(a);
        await OpenIncidentAsync(b);
        var pending = await TestHost.EventuallyAsync(async () =>
        {
            var found = await PendingOfAsync(a, b);
            return found.Select(p => p.Ship).Distinct().Count() == 2 ? found : null;
        }, "both ships' incidents pending");

        // Each incident is pending once, in its own ship's shard, and the two shards differ.
        Assert.Equal([(a, ShardOf(a))], pending.Where(p => p.Ship == a).Select(p => (p.Ship, p.Shard)));
        Assert.Equal([(b, ShardOf(b))], pending.Where(p => p.Ship == b).Select(p => (p.Ship, p.Shard)));

        var sender = new RecordingSender();
        var storm = new StormView();
        var delivery = new NotificationDelivery(fixture.Grains, [sender], Policy, storm, TimeProvider.System, NullLogger<NotificationDelivery>.Instance);
        var pump = new NotificationPump(fixture.Grains, delivery, storm, [sender], Policy, TimeProvider.System, NullLogger<NotificationPump>.Instance);
        await TestHost.EventuallyAsync(async () =>
        {
            await pump.PumpOnceAsync(CancellationToken.None);
            return (await PendingOfAsync(a, b)).Count == 0 ? (bool?)true : null;
        }, "both shards drained");

        foreach (var (ship, _, id) in pending)
        {
            var incident = (await fixture.Grains.GetGrain<IIncidentGrain>(id).GetAsync())!;
            var quiet = NotificationGate.InQuietHours(Policy.Fleet.Notify.QuietHours, DateTimeOffset.UtcNow)
                && incident.Severity < Enum.Parse<Severity>(Policy.Fleet.Notify.QuietHours.MinSeverity, ignoreCase: true);
            Assert.Equal(quiet ? 0 : 1, sender.Sent.Count(e => e.IncidentId == id && e.ShipId == ship));
        }
    }

    [Fact]
    public async Task Shard_counts_add_up_to_every_transition_once_and_pending_sets_do_not_overlap()
    {
        var prefix = $"test-{Guid.NewGuid():N}";
        var shards = Enumerable.Range(0, 4).Select(i => fixture.Grains.GetGrain<INotificationDispatcherGrain>($"{prefix}-{i}")).ToList();
        var incidents = Enumerable.Range(0, 40).Select(i => $"{prefix}-inc-{i}").ToList();
        foreach (var id in incidents)
        {
            // Two transitions each (say opened, then acknowledged): counted twice, pending once.
            var shard = shards[(int)((uint)Contracts.StableHash.Of(id) % 4)];
            await shard.TransitionAsync(id, "ship");
            await shard.TransitionAsync(id, "ship");
        }

        var views = await Task.WhenAll(shards.Select(s => s.PollAsync()));

        Assert.Equal(incidents.Count * 2, NotificationGate.Sum(views.Select(v => v.TransitionsPerMinute)).Values.Sum());
        Assert.Equal(incidents.Order(StringComparer.Ordinal), views.SelectMany(v => v.Pending).Order(StringComparer.Ordinal));
        Assert.True(views.All(v => v.Pending.Count < incidents.Count), "one shard saw every incident");

        await shards[0].DoneAsync(views[0].Pending[0]);
        Assert.Equal(views[0].Pending.Count - 1, (await shards[0].PollAsync()).Pending.Count);
    }

    private sealed class RecordingSender : INotificationSender
    {
        public ConcurrentBag<OutboxEntry> Sent { get; } = [];

        public string Channel => "webhook";


        public Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation)
        {
            Sent.Add(entry);
            return Task.FromResult(SendResult.Sent());
        }
    }
}
