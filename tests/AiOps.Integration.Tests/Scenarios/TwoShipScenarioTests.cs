using System.Net;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Scenarios;

/// <summary>
/// Two ships, an hour of telemetry: a VSAT link loss on one (logs and metrics, sent on separate pipelines and
/// out of order), repeated database timeouts on the other, authentication failures on both, and a lot of
/// routine noise. An operator expects four incidents, duplicates counted, and nothing from the noise.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class TwoShipScenarioTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task The_scenario_yields_exactly_the_incidents_an_operator_expects()
    {
        var star = Events.Ship("viking-star");
        var sky = Events.Ship("viking-sky");
        var start = DateTimeOffset.UtcNow.AddMinutes(-40);
        var logs = new List<object>();
        var metrics = new List<object>();

        foreach (var ship in new[] { star, sky })
        {
            AddNoise(ship, start, logs, metrics);
        }

        // VSAT link loss on viking-star at +20 min: SNR collapses, loss and latency rise, the modem logs it.
        var outage = start.AddMinutes(20);
        for (var s = 0; s < 240; s += 10)
        {
            metrics.Add(Events.Metric(star, "comms", "vsat-modem", "rf_snr_db", s < 30 ? 13.5 : 2.0, outage.AddSeconds(s), "vsat-001"));
            metrics.Add(Events.Metric(star, "comms", "vsat-modem", "packet_loss_pct", s < 30 ? 0.2 : 35, outage.AddSeconds(s), "vsat-001"));
        }

        logs.Add(Events.Log(star, "comms", "vsat-modem", "warn", "RF signal degraded on beam 3", ts: outage.AddSeconds(20), device: "vsat-001"));
        logs.Add(Events.Log(star, "comms", "vsat-modem", "error", "Carrier lost on beam 3", ts: outage.AddSeconds(35), device: "vsat-001"));
        logs.Add(Events.Log(star, "comms", "vsat-modem", "error", "Carrier lost on beam 3", ts: outage.AddSeconds(95), device: "vsat-001"));
        logs.Add(Events.Log(star, "comms", "vsat-modem", "error", "Carrier lost on beam 3", ts: outage.AddSeconds(155), device: "vsat-001"));

        // Database timeouts with repeats on viking-sky at +10 min.
        for (var i = 0; i < 8; i++)
        {
            logs.Add(Events.Log(sky, "app", "pms-db", "error", "Database connection timeout after 30s", ts: start.AddMinutes(10).AddSeconds(i * 30), device: "db-01"));
        }

        // Authentication failures on both ships.
        for (var i = 0; i < 5; i++)
        {
            logs.Add(Events.Log(star, "security", "sshd", "warn", $"Failed password for root from 203.0.113.{i + 5} port 22", ts: start.AddMinutes(30).AddSeconds(i * 20), device: "bastion-1"));
        }

        for (var i = 0; i < 3; i++)
        {
            logs.Add(Events.Log(sky, "security", "crew-portal", "warn", "Authentication failed for user admin", ts: start.AddMinutes(5).AddSeconds(i * 15), device: "portal-1"));
        }

        // Logs and metrics travel separate pipelines; the logs of the outage arrive first.
        using (var logResponse = await Host.PostNdjsonAsync("/api/v3/ingest/logs", logs))
        {
            Assert.Equal(HttpStatusCode.Accepted, logResponse.StatusCode);
        }

        using (var metricResponse = await Host.PostNdjsonAsync("/api/v3/ingest/metrics", metrics))
        {
            Assert.Equal(HttpStatusCode.Accepted, metricResponse.StatusCode);
        }

        var starIncidents = await Settled(star, 2);
        var skyIncidents = await Settled(sky, 2);

        Assert.Equal(["auth_failure", "link_degradation"], starIncidents.Select(Type).Order());
        Assert.Equal(["auth_failure", "resource_pressure"], skyIncidents.Select(Type).Order());

        var link = starIncidents.Single(i => Type(i) == "link_degradation");
        Assert.Equal("critical", link.GetProperty("severity").GetString());
        Assert.Equal(2, link.GetProperty("duplicate_count").GetInt32());
        Assert.Contains(link.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("summary").GetString()!.Contains("rf_snr_db"));
        Assert.Contains(link.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("summary").GetString()!.Contains("Carrier lost"));

        var database = skyIncidents.Single(i => Type(i) == "resource_pressure");
        Assert.Equal(1, database.GetProperty("anomaly_count").GetInt32());
        Assert.Equal(7, database.GetProperty("duplicate_count").GetInt32());
        Assert.Equal(4, starIncidents.Single(i => Type(i) == "auth_failure").GetProperty("duplicate_count").GetInt32());
        Assert.Equal(2, skyIncidents.Single(i => Type(i) == "auth_failure").GetProperty("duplicate_count").GetInt32());

        foreach (var incident in starIncidents.Concat(skyIncidents))
        {
            var member = incident.GetProperty("tracking_ids")[0].GetString()!;
            var trace = await Host.TraceAtStageAsync(member, "incident");
            Assert.True(trace.GetProperty("total_latency_ms").GetDouble() <= 100, trace.ToString());
        }
    }

    private static void AddNoise(string ship, DateTimeOffset start, List<object> logs, List<object> metrics)
    {
        var random = new Random(ship.Length);
        string[] routine =
        [
            "Health check OK", "Heartbeat received", "Status: OK", "Connection established to 10.1.0.4",
            "GET /api/cabins/112 200 14ms", "Configuration loaded from /etc/pms.yaml", "user crew12 logged in",
        ];
        for (var minute = 0; minute < 40; minute++)
        {
            foreach (var (service, domain) in new[] { ("pms-app", "app"), ("wifi-controller", "net"), ("host-agent", "system") })
            {
                logs.Add(Events.Log(ship, domain, service, minute % 7 == 0 ? "debug" : "info", routine[random.Next(routine.Length)], ts: start.AddMinutes(minute)));
            }

            logs.Add(Events.Log(ship, "app", "pms-app", "warn", "Health check slow: 1200ms", ts: start.AddMinutes(minute).AddSeconds(30)));
            for (var s = 0; s < 60; s += 15)
            {
                var ts = start.AddMinutes(minute).AddSeconds(s);
                var blip = minute == 25 && s == 0 ? 1.5 : 0; // a few percent: noise to an operator
                metrics.Add(Events.Metric(ship, "system", "host-agent", "cpu_pct", 24 + random.NextDouble() + blip, ts, "host-1"));
                metrics.Add(Events.Metric(ship, "system", "host-agent", "mem_pct", 45 + random.NextDouble() * 0.5, ts, "host-1"));
            }
        }
    }

    /// <summary>The ship's incidents once they stopped changing (every event processed).</summary>
    private async Task<JsonElement[]> Settled(string ship, int atLeast)
    {
        await Host.IncidentsOfShipAsync(ship, atLeast);
        string? previous = null;
        while (true)
        {
            await Task.Delay(300);
            var page = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}&per_page=200");
            var snapshot = string.Join("|", page.GetProperty("data").EnumerateArray().Select(i => $"{i.GetProperty("incident_id")}:{i.GetProperty("anomaly_count")}:{i.GetProperty("duplicate_count")}"));
            if (snapshot == previous)
            {
                return page.GetProperty("data").EnumerateArray().ToArray();
            }

            previous = snapshot;
        }
    }

    private static string Type(JsonElement incident) => incident.GetProperty("incident_type").GetString()!;
}
