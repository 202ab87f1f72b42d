using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Workflow;

/// <summary>Silences and merges in a Redis cluster, through an API-only front end that holds no silence snapshot of its own.</summary>
[Trait(TestCategory.Name, TestCategory.Cluster)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
public sealed class WorkflowClusterTests
{
    [RequiresRedisFact]
    public async Task A_silence_made_through_the_front_end_reaches_the_silo_and_a_merge_shows_in_the_redis_index()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = $"test-{Guid.NewGuid():N}";
        Dictionary<string, string?> Settings(string role)
        {
            var settings = ClusterSettings.Member(redis.ConnectionString, cluster, Directory.CreateTempSubdirectory("aiops-wf-").FullName);
            settings["AiOps:Role"] = role;
            return settings;
        }

        await using var silo = await TestHost.StartAsync(settings: Settings("silo"));
        await using var api = await TestHost.StartAsync(settings: Settings("api"));
        var quiet = Events.Ship("cluster-quiet");

        using var created = await api.PostRawAsync("/api/v3/silences",
            $$"""{"matchers":[{"name":"ship_id","value":"{{quiet}}"}],"ends_at":"{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var silenceId = (await TestHost.GetJsonFromAsync(created)).GetProperty("silence_id").GetString()!;

        // The silo refreshes its snapshot every silences.refresh_sec: anomalies sent until then may still open an incident.
        await TestHost.EventuallyAsync(async () =>
        {
            var trackingId = $"cl-{Guid.NewGuid():N}";
            using (await api.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(quiet, "app", "pms-db", "error", "Database connection timeout", trackingId)])) { }
            var trace = await api.TraceAtStageAsync(trackingId, "correlated");
            return trace.GetProperty("status").GetString() == "silenced" ? "silenced" : null;
        }, "an anomaly silenced on the silo", timeoutMs: 60000);
        await TestHost.EventuallyAsync(async () =>
            (await api.GetJsonAsync($"/api/v3/silences/{silenceId}")).GetProperty("matched_count").GetInt64() >= 1 ? "counted" : null,
            "the silo's match count", timeoutMs: 30000);

        var shipA = Events.Ship("cluster-a");
        var shipB = Events.Ship("cluster-b");
        using (await api.PostNdjsonAsync("/api/v3/ingest/logs",
               [Events.Log(shipA, "app", "pms-db", "error", "Database connection timeout"), Events.Log(shipB, "app", "pms-db", "error", "Database connection timeout")])) { }
        var into = (await api.IncidentsOfShipAsync(shipA, 1))[0].GetProperty("incident_id").GetString()!;
        var other = (await api.IncidentsOfShipAsync(shipB, 1))[0].GetProperty("incident_id").GetString()!;
        using var merged = await api.Http.PostAsync($"/api/v3/incidents/{into}/merge",
            new StringContent(JsonSerializer.Serialize(new { incident_id = other }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var listed = await silo.GetJsonAsync($"/api/v3/incidents?ship_id={shipB}&status=merged");
        Assert.Equal(other, listed.GetProperty("data")[0].GetProperty("incident_id").GetString());
        Assert.Equal(0, (await silo.GetJsonAsync($"/api/v3/incidents?ship_id={shipB}&status=open")).GetProperty("total").GetInt32());
    }
}
