using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Scenarios;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Cluster;

/// <summary>Two silos clustered through a real Redis: the death of one loses nothing, and neither does a full restart.</summary>
[Trait(TestCategory.Name, TestCategory.Cluster)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
public sealed class RedisClusterTests
{
    [RequiresRedisFact]
    public async Task Incidents_survive_the_death_of_the_silo_that_took_them_and_a_full_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = $"test-{Guid.NewGuid():N}";
        Dictionary<string, string?> Settings() =>
            ClusterSettings.Member(redis.ConnectionString, cluster, Directory.CreateTempSubdirectory("aiops-cluster-").FullName);
        var star = Events.Ship("cluster-star");
        var sky = Events.Ship("cluster-sky");
        var (logs, metrics) = ShipScenario.Build(star, sky, DateTimeOffset.UtcNow.AddHours(-1));

        var first = await SiloProcess.StartAsync(Settings());
        var second = await TestHost.StartAsync(settings: Settings());
        // The warm-up's storage round trip runs against Redis here, beside another silo doing the same.
        Assert.Null(second.Services.GetRequiredService<AiOps.Silo.Features.Warmup.WarmupState>().Failure);
        using (var http = new HttpClient { BaseAddress = first.Address })
        {
            foreach (var (path, items) in new[] { ("/api/v3/ingest/logs", logs), ("/api/v3/ingest/metrics", metrics) })
            {
                using var content = new StringContent(string.Join('\n', items.Select(i => JsonSerializer.Serialize(i, AiOpsJson.Options))));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync(path, content)).StatusCode);
            }
        }

        var before = (await TwoShipScenarioTests.Settled(second, star, 2)).Concat(await TwoShipScenarioTests.Settled(second, sky, 2))
            .Select(i => i.GetProperty("incident_id").GetString()!).Order().ToList();
        Assert.Equal(4, before.Count);

        var normalId = $"cluster-normal-{Guid.NewGuid():N}";
        using (var http = new HttpClient { BaseAddress = first.Address })
        {
            using var content = new StringContent(JsonSerializer.Serialize(Events.Log(star, "app", "pms-db", "info", "Query served in 3 ms", normalId), AiOpsJson.Options));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/v3/ingest/logs", content)).StatusCode);
        }

        await second.TraceAtStageAsync(normalId, "detected");
        await first.KillAsync();

        // The normal event's trace outlives the silo that may have processed it (it is in Redis, not in a silo).
        Assert.Equal("no_anomaly", (await second.GetJsonAsync($"/api/v3/trace/{normalId}")).GetProperty("status").GetString());

        // Every incident is still served, and can still be changed, through the surviving silo.
        foreach (var id in before)
        {
            var incident = await TestHost.EventuallyAsync(async () =>
            {
                using var response = await second.Http.GetAsync($"/api/v3/incidents/{id}");
                return response.IsSuccessStatusCode ? await TestHost.GetJsonFromAsync(response) : (JsonElement?)null;
            }, $"incident {id} after the kill", 90000);
            Assert.Equal(id, incident!.Value.GetProperty("incident_id").GetString());
        }

        // A change goes through the incident's correlation key, which may have lived on the dead silo: until the
        // cluster declares it dead the answer is 503 with Retry-After, and nothing has changed; a retry then succeeds.
        // Retried as a client honours Retry-After, not faster: writes are rate-limited per caller.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var ack = await second.Http.PatchAsync($"/api/v3/incidents/{before[0]}", new StringContent("""{"status":"ack"}""", System.Text.Encoding.UTF8, "application/json"));
            if (ack.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ack.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, "the ack still answered 503 after 90 s");
            await Task.Delay(ack.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2));
        }

        Assert.Equal(before, (await second.GetJsonAsync($"/api/v3/incidents?per_page=200&search=cluster-")).GetProperty("data")
            .EnumerateArray().Select(i => i.GetProperty("incident_id").GetString()!).Where(before.Contains).Order());

        // A full restart of the cluster: the state comes back from Redis.
        await second.DisposeAsync();
        await using var third = await TestHost.StartAsync(settings: Settings());
        var restored = await third.GetJsonAsync($"/api/v3/incidents/{before[0]}");
        Assert.Equal("ack", restored.GetProperty("status").GetString());
        Assert.Equal(4, before.Count(id => third.Http.GetAsync($"/api/v3/incidents/{id}").Result.IsSuccessStatusCode));
        await first.DisposeAsync();
    }

    [RequiresRedisFact]
    public async Task An_api_only_host_ingests_and_serves_through_the_cluster_without_a_silo_of_its_own()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = $"test-{Guid.NewGuid():N}";
        Dictionary<string, string?> Settings(string role) => new()
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = cluster,
            ["Orleans:ServiceId"] = "aiops-test",
            ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(),
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["AiOps:Role"] = role,
            ["AiOps:DataDirectory"] = Directory.CreateTempSubdirectory("aiops-api-").FullName,
        };
        await using var silo = await TestHost.StartAsync(settings: Settings("silo"));
        await using var api = await TestHost.StartAsync(settings: Settings("api"));
        var ship = Events.Ship("api-role");

        var normalId = $"api-normal-{Guid.NewGuid():N}";
        var anomalyId = $"api-anomaly-{Guid.NewGuid():N}";
        using (await api.PostNdjsonAsync("/api/v3/ingest/logs",
        [
            Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", anomalyId),
            Events.Log(ship, "app", "pms-db", "info", "Query served in 3 ms", normalId),
        ])) { }
        var incident = Assert.Single(await api.IncidentsOfShipAsync(ship, 1));

        // Traces come from the shared trace store (Redis), so the front end without a silo answers them too.
        Assert.Equal("no_anomaly", (await api.TraceAtStageAsync(normalId, "detected")).GetProperty("status").GetString());
        Assert.Equal(incident.GetProperty("incident_id").GetString(), (await api.TraceAtStageAsync(anomalyId, "incident")).GetProperty("incident_id").GetString());

        Assert.Equal("resource_pressure", incident.GetProperty("incident_type").GetString());
        Assert.Equal(incident.GetProperty("incident_id").GetString(),
            (await silo.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("data")[0].GetProperty("incident_id").GetString());
        var ready = await api.GetJsonAsync("/health/ready");
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("orleans").GetProperty("status").GetString());
        Assert.False(ready.GetProperty("checks").TryGetProperty("insight", out _));
    }
}
