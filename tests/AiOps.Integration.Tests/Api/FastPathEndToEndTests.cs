using System.Net;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>The Fast Path end to end on the real host: NDJSON in, incident, trace and stats out.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class FastPathEndToEndTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task An_anomalous_log_becomes_an_incident_with_a_full_trace_and_counted_stats()
    {
        await WarmUpAsync();
        var ship = Events.Ship("aurora");
        var anomalyId = $"e2e-{Guid.NewGuid():N}";
        var routineId = $"e2e-{Guid.NewGuid():N}";
        var before = await Host.GetJsonAsync("/api/v3/stats?time_range=1h");

        using var response = await Host.PostNdjsonAsync("/api/v3/ingest/logs",
        [
            Events.Log(ship, "app", "orders-db", "info", "Health check OK"),
            Events.Log(ship, "app", "orders-db", "ERROR", "Database connection timeout after 30s", anomalyId, device: "db-01"),
            Events.Log(ship, "app", "orders-db", "info", "Heartbeat received", routineId),
            Events.Log(ship, "app", "orders-db", "info", "GET /orders 200 12ms"),
        ]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(4, accepted.GetProperty("accepted").GetInt32());
        Assert.Contains(anomalyId, accepted.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()));

        var incident = Assert.Single(await Host.IncidentsOfShipAsync(ship, 1));
        Assert.Equal("resource_pressure", incident.GetProperty("incident_type").GetString());
        Assert.Equal("high", incident.GetProperty("severity").GetString());
        Assert.Equal("open", incident.GetProperty("status").GetString());
        Assert.Equal([anomalyId], incident.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal($"resource_pressure:{ship}:db-01:orders-db", incident.GetProperty("suppress_key").GetString());
        Assert.Equal($"/api/v3/trace/{anomalyId}", incident.GetProperty("evidence")[0].GetProperty("ref").GetString());

        var trace = await Host.TraceAtStageAsync(anomalyId, "incident");
        Assert.Equal(["ingested", "detected", "enriched", "correlated", "incident"],
            trace.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).Where(s => s != "insight"));
        Assert.Equal(incident.GetProperty("incident_id").GetString(), trace.GetProperty("incident_id").GetString());
        var fastPathMs = TraceLatency.AssertConsistent(trace);

        var routine = await Host.GetJsonAsync($"/api/v3/trace/{routineId}");
        Assert.Equal("no_anomaly", routine.GetProperty("status").GetString());

        // The stats follow the incident: wait until this batch is counted, then check that the counts are exact.
        var after = (await TestHost.EventuallyAsync(async () =>
        {
            var current = await Host.GetJsonAsync("/api/v3/stats?time_range=1h");
            return Count(current, "logs") - Count(before, "logs") >= 4 && Count(current, "anomalies") - Count(before, "anomalies") >= 1
                && Count(current, "incidents") - Count(before, "incidents") >= 1 && current.GetProperty("fast_path_ms").GetProperty("p99").GetDouble() > 0
                ? current : (System.Text.Json.JsonElement?)null;
        }, "the stats of the batch"))!.Value;
        Assert.Equal(4, Count(after, "logs") - Count(before, "logs"));
        Assert.Equal(1, Count(after, "anomalies") - Count(before, "anomalies"));
        Assert.Equal(1, Count(after, "incidents") - Count(before, "incidents"));
        Assert.True(after.GetProperty("fast_path_ms").GetProperty("p99").GetDouble() > 0);

        // Without a model configured, the Insight Path writes the rule-based insight, marked as such.
        var insight = await TestHost.EventuallyAsync(async () =>
        {
            var current = await Host.GetJsonAsync($"/api/v3/incidents/{incident.GetProperty("incident_id").GetString()}");
            return current.GetProperty("insight_source").ValueKind == System.Text.Json.JsonValueKind.String ? current : (System.Text.Json.JsonElement?)null;
        }, "the insight");
        Assert.Equal("fallback", insight!.Value.GetProperty("insight_source").GetString());
        Assert.Contains("resource pressure", insight.Value.GetProperty("narrative").GetString());
        Assert.Equal("rb-db-connection-exhaustion", insight.Value.GetProperty("runbook_refs")[0].GetProperty("id").GetString());
        var insightTrace = await Host.TraceAtStageAsync(anomalyId, "insight");
        // The asynchronous insight stage has its own latency; the Fast Path's stays what it was.
        Assert.Equal(fastPathMs, insightTrace.GetProperty("total_latency_ms").GetDouble());
    }

    [Fact]
    public async Task Metrics_expose_the_fast_path_histogram_and_stage_counters()
    {
        await WarmUpAsync();
        var text = await Host.Http.GetStringAsync("/metrics");

        Assert.Contains("aiops_fast_path_latency_seconds_bucket", text);
        Assert.Contains("aiops_events_ingested_total", text);
        Assert.Contains("aiops_events_processed_total", text);
        Assert.Contains("aiops_anomalies_correlated_total", text);
    }

    [Fact]
    public async Task Health_and_readiness_report_each_dependency()
    {
        var live = await Host.GetJsonAsync("/health");
        var ready = await Host.GetJsonAsync("/health/ready");

        Assert.Equal("healthy", live.GetProperty("status").GetString());
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        foreach (var check in new[] { "policy", "orleans", "data_directory", "insight" })
        {
            Assert.Equal("healthy", ready.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    /// <summary>The first event after start pays for JIT and activations; the SLO is about the steady state.</summary>
    private async Task WarmUpAsync()
    {
        var ship = Events.Ship("warmup");
        using var _ = await Host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "orders-db", "error", "Database connection timeout")]);
        await Host.IncidentsOfShipAsync(ship, 1);
    }

    private static long Count(System.Text.Json.JsonElement stats, string name) => stats.GetProperty("counts").GetProperty(name).GetInt64();
}
