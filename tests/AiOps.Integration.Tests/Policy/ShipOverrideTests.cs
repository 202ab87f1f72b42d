using System.Net;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Policy;

/// <summary>A ship's overrides reach its grains and show in the policy API with their sources.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class ShipOverrideTests
{
    [Fact]
    public async Task Overrides_apply_to_one_ship_only_and_the_api_shows_sources_and_the_diff()
    {
        var folder = PolicyFolder.Copy();
        var special = Events.Ship("special");
        var ordinary = Events.Ship("ordinary");
        PolicyFolder.Edit(folder, "policy.yaml", "ship_overrides: {}",
            $"ship_overrides:\n  {special}:\n    correlate: {{ dedup_ttl_sec: 10 }}\n    retention: {{ logs_days: 7 }}\n");
        await using var host = await TestHost.StartAsync(settings: PolicyFolder.Settings(folder));
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);

        foreach (var ship in new[] { special, ordinary })
        {
            using (await host.PostNdjsonAsync("/api/v3/ingest/logs",
            [
                Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", ts: start, device: "db-1"),
                Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", ts: start.AddSeconds(60), device: "db-1"),
            ])) { }
        }

        // With a 10 s dedup TTL the repeat 60 s later joins as a new member; with the fleet's 900 s it is a duplicate.
        var specialIncident = await Scenarios.TwoShipScenarioTests.Settled(host, special, 1);
        var ordinaryIncident = await Scenarios.TwoShipScenarioTests.Settled(host, ordinary, 1);
        Assert.Equal(2, Assert.Single(specialIncident).GetProperty("anomaly_count").GetInt32());
        Assert.Equal(1, Assert.Single(ordinaryIncident).GetProperty("duplicate_count").GetInt32());

        var view = await host.GetJsonAsync($"/api/v3/policy?ship_id={special}");
        var correlate = view.GetProperty("sections").GetProperty("correlate");
        Assert.Equal(special, view.GetProperty("ship_id").GetString());
        Assert.Equal("override", correlate.GetProperty("source").GetString());
        Assert.Equal("override", correlate.GetProperty("sources").GetProperty("dedup_ttl_sec").GetString());
        Assert.Equal("fleet", correlate.GetProperty("sources").GetProperty("suppression_ttl_sec").GetString());
        Assert.Equal("default", view.GetProperty("sections").GetProperty("remediate").GetProperty("sources").GetProperty("actions.rotate_logs.requires_pre_check").GetString());
        Assert.Equal(10, correlate.GetProperty("values").GetProperty("dedup_ttl_sec").GetInt32());

        var diff = await host.GetJsonAsync($"/api/v3/policy/diff?ship_id={special}");
        Assert.True(diff.GetProperty("has_changes").GetBoolean());
        Assert.Equal(
            ["correlate.dedup_ttl_sec: 900 -> 10", "retention.logs_days: 5 -> 7"],
            diff.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("section").GetString()}.{c.GetProperty("key").GetString()}: {c.GetProperty("fleet_value")} -> {c.GetProperty("ship_value")}"));
        Assert.False((await host.GetJsonAsync($"/api/v3/policy/diff?ship_id={ordinary}")).GetProperty("has_changes").GetBoolean());
        using var missing = await host.Http.GetAsync("/api/v3/policy/diff");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
