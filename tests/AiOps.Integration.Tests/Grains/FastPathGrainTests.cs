using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Grains;

[Collection(ClusterCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Cluster)]
public sealed class FastPathGrainTests(ClusterFixture fixture)
{
    private static LogMessage Log(string ship, string service, string msg, DateTimeOffset ts, string level = "error") => new()
    {
        TrackingId = $"g-{Guid.NewGuid():N}",
        Ts = ts,
        ShipId = ship,
        Domain = Domain.App,
        Service = service,
        Level = level == "error" ? MessageLevel.Error : MessageLevel.Info,
        Msg = msg,
        DeviceId = "db-1",
    };

    private async Task<IncidentSummary[]> IncidentsOf(string ship, int count) =>
        await TestHost.EventuallyAsync(async () =>
        {
            var page = await fixture.Incidents.QueryAsync(new IncidentQuery { ShipId = ship, PerPage = 100 });
            return page.Total >= count ? page.IncidentIds.Select(id => new IncidentSummary
            {
                IncidentId = id, IncidentType = "", ShipId = ship, Severity = Severity.Low, Status = IncidentStatus.Open,
                CreatedAt = default, SearchText = "",
            }).ToArray() : null;
        }, $"{count} incidents of {ship}");

    [Fact]
    public async Task A_journaled_batch_reaches_the_monitor_and_opens_an_incident_and_its_replay_changes_nothing()
    {
        var ship = Events.Ship("journal");
        var monitor = fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "orders"));
        var batch = new JournaledBatch(7, new TelemetryBatch
        {
            IngestedAt = DateTimeOffset.UtcNow,
            Logs = [Log(ship, "orders", "Heartbeat", DateTimeOffset.UtcNow, "info"), Log(ship, "orders", "Database connection timeout", DateTimeOffset.UtcNow)],
        });

        await monitor.ProcessJournaledAsync("journal-a", [batch]);
        await monitor.ProcessJournaledAsync("journal-a", [batch]);

        var id = (await IncidentsOf(ship, 1))[0].IncidentId;
        var incident = await fixture.Grains.GetGrain<IIncidentGrain>(id).GetAsync();
        Assert.Equal("resource_pressure", incident!.IncidentType);
        Assert.Equal(1, incident.AnomalyCount);
        Assert.Equal(0, incident.DuplicateCount);
    }

    [Fact]
    public async Task An_anomaly_processed_again_after_the_monitor_lost_its_position_is_counted_once()
    {
        // As after a crash between the incident's write and the monitor's checkpoint: the monitor takes the
        // event again (here: from a journal it has not seen) and correlation must not count it twice.
        var ship = Events.Ship("replay");
        var monitor = fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "orders"));
        var batch = new TelemetryBatch { IngestedAt = DateTimeOffset.UtcNow, Logs = [Log(ship, "orders", "Database connection timeout", DateTimeOffset.UtcNow)] };

        await monitor.ProcessJournaledAsync("journal-before-crash", [new JournaledBatch(1, batch)]);
        await monitor.ProcessJournaledAsync("journal-after-crash", [new JournaledBatch(1, batch)]);

        var incidents = await IncidentsOf(ship, 1);
        var incident = await fixture.Grains.GetGrain<IIncidentGrain>(incidents[0].IncidentId).GetAsync();
        Assert.Single(incidents);
        Assert.Equal(1, incident!.AnomalyCount + incident.DuplicateCount);
    }

    [Fact]
    public async Task An_anomaly_whose_incident_write_failed_is_counted_when_the_batch_is_retried()
    {
        // The correlation grain marks an event as correlated before its incident is written; when that write
        // fails, the retry (journal replay, NATS redelivery) must not be taken for a redelivery of done work.
        var ship = Events.Ship("write-fails");
        var monitor = fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "orders"));
        var batch = new JournaledBatch(1, new TelemetryBatch { IngestedAt = DateTimeOffset.UtcNow, Logs = [Log(ship, "orders", "Database connection timeout", DateTimeOffset.UtcNow)] });

        fixture.Faults.FailNextWrites("incident", 1);
        await Assert.ThrowsAnyAsync<Exception>(() => monitor.ProcessJournaledAsync("journal-a", [batch]));
        await monitor.ProcessJournaledAsync("journal-a", [batch]);

        var incidents = await IncidentsOf(ship, 1);
        var incident = await fixture.Grains.GetGrain<IIncidentGrain>(incidents[0].IncidentId).GetAsync();
        Assert.Single(incidents);
        Assert.Equal(1, incident!.AnomalyCount + incident.DuplicateCount);
    }

    [Fact]
    public async Task A_correlation_that_fails_to_save_its_decision_leaves_no_second_incident_when_events_come_back_in_another_order()
    {
        // A correlation grain that told an incident before saving its own decision, and then lost its memory (a
        // silo's death), decides afresh on the retry: an earlier event that comes back first opens another incident
        // and the first one is left counting events that are also counted on the second.
        var ship = Events.Ship("write-ahead");
        var monitor = fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "orders"));
        var t0 = DateTimeOffset.UtcNow;
        var early = Log(ship, "orders", "Database connection timeout", t0);
        var late = Log(ship, "orders", "Database connection timeout", t0.AddSeconds(5));

        fixture.Faults.FailNextWrites("correlation", 1);
        await Assert.ThrowsAnyAsync<Exception>(() => monitor.ProcessAsync(new TelemetryBatch { IngestedAt = t0, Logs = [late] }));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await monitor.ProcessAsync(new TelemetryBatch { IngestedAt = t0, Logs = [early, late] });

        var incidents = await IncidentsOf(ship, 1);
        var incident = await fixture.Grains.GetGrain<IIncidentGrain>(incidents[0].IncidentId).GetAsync();
        Assert.Single(incidents);
        Assert.Equal(2, incident!.AnomalyCount + incident.DuplicateCount);
    }

    [Fact]
    public async Task Services_that_reach_one_correlation_key_at_once_share_its_writes_and_every_event_is_counted_once()
    {
        // Forty services of a ship feed one correlation key; each call waiting for its own write made the key a
        // queue of writes in series. A slow disk (here: each correlation write of this ship takes 300 ms) makes the
        // calls pile up while a write is under way: they must go together, and each must still get its answer.
        const int services = 12;
        var ship = Events.Ship("group-commit");
        var t0 = DateTimeOffset.UtcNow;
        using var slow = fixture.Faults.SlowWrites(ship, TimeSpan.FromMilliseconds(300));

        await Task.WhenAll(Enumerable.Range(0, services).Select(i =>
            fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, $"orders-{i}"))
                .ProcessAsync(new TelemetryBatch { IngestedAt = t0, Logs = [Log(ship, $"orders-{i}", "Database connection timeout", t0.AddMilliseconds(i))] })));

        var incidents = await IncidentsOf(ship, 1);
        var incident = await fixture.Grains.GetGrain<IIncidentGrain>(incidents[0].IncidentId).GetAsync();
        Assert.Single(incidents);
        Assert.Equal(services, incident!.AnomalyCount + incident.DuplicateCount);
        var writes = fixture.Faults.WritesOf("correlation", ship);
        Assert.True(writes < services / 2, $"{writes} correlation writes for {services} concurrent calls");
    }

    [Fact]
    public async Task Repeats_are_duplicates_and_a_suppressed_incident_suppresses_its_keys()
    {
        var ship = Events.Ship("suppress");
        var monitor = fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "pms-db"));
        var t0 = DateTimeOffset.UtcNow;

        await monitor.ProcessAsync(new TelemetryBatch { IngestedAt = t0, Logs = [Log(ship, "pms-db", "Database connection timeout", t0)] });
        await monitor.ProcessAsync(new TelemetryBatch { IngestedAt = t0, Logs = [Log(ship, "pms-db", "Database connection timeout", t0.AddSeconds(20))] });
        var incidentGrain = fixture.Grains.GetGrain<IIncidentGrain>((await IncidentsOf(ship, 1))[0].IncidentId);
        Assert.Equal(1, (await incidentGrain.GetAsync())!.DuplicateCount);

        // Through the correlation key that owns the incident, as the API does: applied before its next event.
        var key = fixture.Grains.GetGrain<ICorrelationGrain>(ICorrelationGrain.Key((await incidentGrain.GetAsync())!.IncidentType, ship));
        var suppressed = await key.ChangeIncidentStatusAsync(incidentGrain.GetPrimaryKeyString(), new StatusChangeRequest(IncidentStatus.Suppressed, "known issue", "tester"));
        Assert.Equal(IncidentStatus.Suppressed, suppressed!.Incident!.Status);

        // No waiting: the very next repeat is counted as suppressed.
        var stats = (Core.Stats.StatsAccumulator)fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetService(typeof(Core.Stats.StatsAccumulator))!;
        var before = stats.Drain().Values.Sum(c => c.Suppressions);
        await monitor.ProcessAsync(new TelemetryBatch { IngestedAt = DateTimeOffset.UtcNow, Logs = [Log(ship, "pms-db", "Database connection timeout", t0.AddSeconds(60))] });
        Assert.Equal(1, stats.Drain().Values.Sum(c => c.Suppressions) - before);

        var page = await fixture.Incidents.QueryAsync(new IncidentQuery { ShipId = ship });
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task A_service_without_state_remembers_its_past_from_the_analytics_store()
    {
        var remembered = $"history-{Guid.NewGuid():N}"[..16];
        var fresh = Events.Ship("fresh");
        foreach (var ship in new[] { remembered, fresh })
        {
            await fixture.Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "orders"))
                .ProcessAsync(new TelemetryBatch { IngestedAt = DateTimeOffset.UtcNow, Logs = [Log(ship, "orders", "Database connection timeout", DateTimeOffset.UtcNow)] });
        }

        async Task<Severity> SeverityOf(string ship) =>
            (await fixture.Grains.GetGrain<IIncidentGrain>((await IncidentsOf(ship, 1))[0].IncidentId).GetAsync())!.Severity;

        // Six similar anomalies in the last hour escalate a high-scoring one to critical (CONTRACTS.md severity rules).
        Assert.Equal(Severity.Critical, await SeverityOf(remembered));
        Assert.Equal(Severity.High, await SeverityOf(fresh));
    }
}
