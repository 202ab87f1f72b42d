using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Policy;

/// <summary>A policy change reaches running grains without a restart; a bad one keeps the last good policy.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class PolicyReloadTests
{
    [Fact]
    public async Task A_good_change_applies_to_running_grains_and_a_bad_one_is_rejected_and_reported()
    {
        var folder = PolicyFolder.Copy();
        await using var host = await TestHost.StartAsync(settings: PolicyFolder.Settings(folder));
        var ship = Events.Ship("reload");

        // The service's grain is active before the change.
        using (await host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "comms", "vsat-modem", "info", "kraken sighted off the bow")])) { }
        await TestHost.EventuallyAsync(async () =>
            (await host.GetJsonAsync($"/api/v3/stats?time_range=1h")).GetProperty("counts").GetProperty("logs").GetInt64() >= 1 ? (object)true : null, "the first log");

        PolicyFolder.Edit(folder, "detect.yaml", "logs_patterns:\n", "logs_patterns:\n  - { name: kraken, match: \"kraken\", severity_hint: critical, incident_type: link_degradation }\n");
        await TestHost.EventuallyAsync(async () =>
        {
            var policy = await host.GetJsonAsync("/api/v3/policy");
            return policy.GetProperty("sections").GetProperty("detect").GetProperty("values").GetProperty("logs_patterns")[0]
                .GetProperty("name").GetString() == "kraken" ? (object)true : null;
        }, "the reloaded detect policy");

        using (await host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "comms", "vsat-modem", "info", "kraken sighted off the bow")])) { }
        var incident = Assert.Single(await host.IncidentsOfShipAsync(ship, 1));
        Assert.Equal("critical", incident.GetProperty("severity").GetString());

        PolicyFolder.Edit(folder, "correlate.yaml", "dedup_ttl_sec: 900", "dedup_ttl_sec: -1");
        var ready = await TestHost.EventuallyAsync(async () =>
        {
            using var response = await host.Http.GetAsync("/health/ready");
            var body = await TestHost.GetJsonFromAsync(response);
            return body.GetProperty("checks").GetProperty("policy").GetProperty("status").GetString() == "degraded" ? body : (System.Text.Json.JsonElement?)null;
        }, "the rejected reload in readiness");
        Assert.Contains("correlate.yaml", ready!.Value.GetProperty("checks").GetProperty("policy").GetProperty("description").GetString());
        Assert.Contains("dedup_ttl_sec", ready.Value.GetProperty("checks").GetProperty("policy").GetProperty("description").GetString());
        var kept = await host.GetJsonAsync("/api/v3/policy");
        Assert.Equal(900, kept.GetProperty("sections").GetProperty("correlate").GetProperty("values").GetProperty("dedup_ttl_sec").GetInt32());
        Assert.Contains("aiops_policy_reloads_total", await host.Http.GetStringAsync("/metrics"));
        Assert.Contains("result=\"rejected\"", await host.Http.GetStringAsync("/metrics"));

        PolicyFolder.Edit(folder, "correlate.yaml", "dedup_ttl_sec: -1", "dedup_ttl_sec: 600");
        await TestHost.EventuallyAsync(async () =>
            (await host.GetJsonAsync("/api/v3/policy")).GetProperty("sections").GetProperty("correlate").GetProperty("values")
                .GetProperty("dedup_ttl_sec").GetInt32() == 600 ? (object)true : null, "the fixed policy");
        Assert.Equal("healthy", (await host.GetJsonAsync("/health/ready")).GetProperty("checks").GetProperty("policy").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_host_refuses_to_start_on_a_bad_policy_and_says_where()
    {
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "llm.yaml", "queue_size: 100", "queue_size: 0");

        var error = await Assert.ThrowsAsync<AiOps.Core.Policy.PolicyException>(() => TestHost.StartAsync(settings: PolicyFolder.Settings(folder)));

        Assert.Equal("llm.yaml", error.File);
        Assert.Equal("queue_size", error.KeyPath);
        Assert.NotNull(error.Line);
    }
}
