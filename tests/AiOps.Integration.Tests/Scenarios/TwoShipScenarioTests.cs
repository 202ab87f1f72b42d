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
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class TwoShipScenarioTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task The_scenario_yields_exactly_the_incidents_an_operator_expects()
    {
        var star = Events.Ship("viking-star");
        var sky = Events.Ship("viking-sky");
        var start = DateTimeOffset.UtcNow.AddMinutes(-40);
        var (logs, metrics) = ShipScenario.Build(star, sky, start);

        // Logs and metrics travel separate pipelines; the logs of the outage arrive first.
        using (var logResponse = await Host.PostNdjsonAsync("/api/v3/ingest/logs", logs))
        {
            Assert.Equal(HttpStatusCode.Accepted, logResponse.StatusCode);
        }

        using (var metricResponse = await Host.PostNdjsonAsync("/api/v3/ingest/metrics", metrics))
        {
            Assert.Equal(HttpStatusCode.Accepted, metricResponse.StatusCode);
        }

        var starIncidents = await Settled(Host, star, 2);
        var skyIncidents = await Settled(Host, sky, 2);

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
            TraceLatency.AssertConsistent(trace);
        }
    }

    /// <summary>
    /// The ship's incidents once they stopped changing (every event processed): neither they nor the host's count
    /// of processed events changed for a quiet second. One equal snapshot after a short pause is not enough on a
    /// busy machine, where the pipeline can stall that long with events still queued.
    /// </summary>
    internal static async Task<JsonElement[]> Settled(TestHost host, string ship, int atLeast)
    {
        var quiet = TimeSpan.FromSeconds(1);
        await host.IncidentsOfShipAsync(ship, atLeast, 60000);
        string? previous = null;
        var unchangedSince = DateTime.UtcNow;
        return await TestHost.EventuallyAsync(async () =>
        {
            var processed = AiOps.Cli.PrometheusText.Sum(await host.Http.GetStringAsync("/metrics"), "aiops_events_processed_total");
            var data = (await host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}&per_page=200")).GetProperty("data").EnumerateArray().ToArray();
            var snapshot = $"{processed}#" + string.Join("|", data.Select(i => $"{i.GetProperty("incident_id")}:{i.GetProperty("anomaly_count")}:{i.GetProperty("duplicate_count")}"));
            if (snapshot != previous)
            {
                previous = snapshot;
                unchangedSince = DateTime.UtcNow;
                return null;
            }

            return DateTime.UtcNow - unchangedSince >= quiet ? data : null;
        }, $"the incidents of {ship} to settle", 60000);
    }

    private static string Type(JsonElement incident) => incident.GetProperty("incident_type").GetString()!;
}
