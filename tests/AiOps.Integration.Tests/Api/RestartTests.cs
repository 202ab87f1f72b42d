using System.Net;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>State lives in the data directory: incidents, correlation windows and stats survive a restart.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class RestartTests
{
    [Fact]
    public async Task Incidents_correlation_and_stats_survive_a_restart_of_the_process()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "aiops-restart-" + Guid.NewGuid().ToString("N"));
        var ship = Events.Ship("restart");
        var ts = DateTimeOffset.UtcNow;
        string incidentId;
        await using (var first = await TestHost.StartAsync(dataDirectory))
        {
            using (await first.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", ts: ts, device: "db-1")])) { }
            incidentId = (await first.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
            using var ack = await first.Http.PatchAsync($"/api/v3/incidents/{incidentId}",
                new StringContent("""{"status":"ack","comment":"before restart"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await using var second = await TestHost.StartAsync(dataDirectory);
        var restored = await second.GetJsonAsync($"/api/v3/incidents/{incidentId}");
        Assert.Equal("ack", restored.GetProperty("status").GetString());
        Assert.Equal(["created", "ack"], restored.GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("event").GetString()).Where(e => e != "insight"));

        // The correlation state came back too: a repeat is a duplicate of the same incident, not a twin.
        using (await second.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", ts: ts.AddSeconds(30), device: "db-1")])) { }
        var repeated = await TestHost.EventuallyAsync(async () =>
        {
            var incident = await second.GetJsonAsync($"/api/v3/incidents/{incidentId}");
            return incident.GetProperty("duplicate_count").GetInt32() == 1 ? incident : (System.Text.Json.JsonElement?)null;
        }, "the duplicate after restart");
        Assert.Equal(1, repeated!.Value.GetProperty("anomaly_count").GetInt32());
        Assert.Single((await second.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("data").EnumerateArray());

        // The counts follow the incident (the correlation grain counts the duplicate after the incident took it):
        // wait until they are all in, then check that they are exact.
        var stats = await TestHost.EventuallyAsync(async () =>
        {
            var current = await second.GetJsonAsync("/api/v3/stats?time_range=1h");
            var counts = current.GetProperty("counts");
            return counts.GetProperty("logs").GetInt64() >= 2 && counts.GetProperty("duplicates").GetInt64() >= 1 ? current : (System.Text.Json.JsonElement?)null;
        }, "the stats of both logs and the duplicate");
        Assert.Equal(2, stats!.Value.GetProperty("counts").GetProperty("logs").GetInt64());
        Assert.Equal(1, stats.Value.GetProperty("counts").GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task Traces_of_normal_and_anomalous_events_answer_after_a_restart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "aiops-restart-" + Guid.NewGuid().ToString("N"));
        var ship = Events.Ship("restart-trace");
        var normalId = $"rt-normal-{Guid.NewGuid():N}";
        var anomalyId = $"rt-anomaly-{Guid.NewGuid():N}";
        await using (var first = await TestHost.StartAsync(dataDirectory))
        {
            using (await first.PostNdjsonAsync("/api/v3/ingest/logs",
            [
                Events.Log(ship, "app", "pms-db", "info", "Query served in 3 ms", normalId),
                Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", anomalyId, device: "db-1"),
            ])) { }
            await first.TraceAtStageAsync(normalId, "detected");
            await first.TraceAtStageAsync(anomalyId, "incident");
        }

        await using var second = await TestHost.StartAsync(dataDirectory);
        var normal = await second.GetJsonAsync($"/api/v3/trace/{normalId}");
        Assert.Equal("no_anomaly", normal.GetProperty("status").GetString());
        Assert.Equal(["ingested", "detected"], normal.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        var anomaly = await second.GetJsonAsync($"/api/v3/trace/{anomalyId}");
        Assert.Equal("complete", anomaly.GetProperty("status").GetString());
        Assert.StartsWith("INC-", anomaly.GetProperty("incident_id").GetString());
        Assert.Equal(["ingested", "detected", "enriched", "correlated", "incident"], anomaly.GetProperty("stages").EnumerateArray()
            .Select(s => s.GetProperty("stage").GetString()).Where(s => s != "insight"));
    }

    [Fact]
    public async Task Incidents_stored_before_the_incident_index_existed_are_listed_after_an_upgrade()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "aiops-upgrade-" + Guid.NewGuid().ToString("N"));
        var ship = Events.Ship("upgrade");
        string incidentId;
        await using (var before = await TestHost.StartAsync(dataDirectory))
        {
            using (await before.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", device: "db-1")])) { }
            incidentId = (await before.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
        }

        // As a data directory of the version before the index: grain state only.
        foreach (var file in Directory.GetFiles(dataDirectory, "incidents.*"))
        {
            File.Delete(file);
        }

        await using var after = await TestHost.StartAsync(dataDirectory);
        var listed = await after.GetJsonAsync($"/api/v3/incidents?ship_id={ship}");
        Assert.Equal(incidentId, Assert.Single(listed.GetProperty("data").EnumerateArray()).GetProperty("incident_id").GetString());
    }
}
