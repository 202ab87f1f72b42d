using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>
/// A 202 is a promise: the host as its own process is killed the moment the last 202 arrives, restarted on the
/// same data directory, and every accepted event must then count exactly once, with its trace.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class CrashDurabilityTests
{
    private const int Requests = 50;
    private const int PerRequest = 100;

    [Fact]
    public async Task Events_answered_202_survive_a_kill_right_after_the_last_answer_and_count_once()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("aiops-crash-data-").FullName;
        await SendKillRestartAndCountAsync(() => new()
        {
            ["AiOps:DataDirectory"] = dataDirectory,
            ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
    }

    [RequiresNatsFact]
    [Trait(TestNeeds.Name, TestNeeds.Nats)]
    [Trait(TestNeeds.Name, TestNeeds.Redis)]
    public async Task In_a_cluster_with_NATS_events_answered_202_survive_a_kill_of_the_silo_that_took_them()
    {
        // The other silo takes over: JetStream redelivers what the dead one had not acknowledged.
        await using var nats = await NatsServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        var cluster = $"crash-{Guid.NewGuid():N}";
        var dataDirectory = Directory.CreateTempSubdirectory("aiops-crash-cluster-").FullName;
        await SendKillRestartAndCountAsync(() =>
        {
            var settings = ClusterSettings.Member(redis.ConnectionString, cluster, dataDirectory);
            settings["Nats:Url"] = nats.Url;
            settings["Nats:AckWait"] = "00:00:03";
            return settings;
        }, failover: true);
    }

    /// <summary>
    /// Sends, kills the host that answered, then counts through a restarted host on the same data directory, or
    /// (<paramref name="failover"/>) through a second cluster member that was running all along.
    /// </summary>
    private static async Task SendKillRestartAndCountAsync(Func<Dictionary<string, string?>> settings, bool failover = false)
    {
        await using var survivor = failover ? await SiloProcess.StartAsync(settings()) : null;
        var ship = Events.Ship("crash");
        var trackingIds = new List<string>();
        var host = await SiloProcess.StartAsync(settings());
        using (var http = new HttpClient { BaseAddress = host.Address })
        {
            var now = DateTimeOffset.UtcNow;
            for (var r = 0; r < Requests; r++)
            {
                var lines = new StringBuilder();
                for (var i = 0; i < PerRequest; i++)
                {
                    var id = $"crash-{r:D3}-{i:D3}-{Guid.NewGuid():N}";
                    trackingIds.Add(id);
                    var service = $"db-{i % 5}";
                    lines.AppendLine(JsonSerializer.Serialize(Events.Log(ship, "app", service, "error", "Database connection timeout",
                        trackingId: id, ts: now.AddMilliseconds(r * PerRequest + i), device: $"dev-{i % 7}"), AiOpsJson.Options));
                }

                using var response = await http.PostAsync("/api/v3/ingest/logs", new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson"));
                Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            }
        }

        // No goodbye: whatever was in flight when the last 202 went out is only on the disk.
        await host.KillAsync();
        await host.DisposeAsync();

        await using var restarted = failover ? null : await SiloProcess.StartAsync(settings());
        using var client = new HttpClient { BaseAddress = (survivor ?? restarted)!.Address };
        var counted = await TestHost.EventuallyAsync<long?>(async () =>
        {
            try
            {
                var total = await CountedAsync(client, ship);
                return total >= trackingIds.Count ? total : null;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return null; // The survivor has not yet declared the dead silo dead: 503 with Retry-After.
            }
        }, $"{trackingIds.Count} events counted on {ship}", 120000);
        Assert.Equal(trackingIds.Count, counted);

        // Traces are written behind: an incident can count an event a moment before its trace is committed, so
        // each trace is given a deadline; a lost one never answers.
        foreach (var id in trackingIds)
        {
            await TestHost.EventuallyAsync(async () =>
            {
                using var trace = await client.GetAsync($"/api/v3/trace/{id}");
                return trace.IsSuccessStatusCode ? (object)true : null;
            }, $"the trace of accepted event {id}", 30000);
        }

        // Counted once, and still once after the replay has long settled.
        Assert.Equal(trackingIds.Count, await CountedAsync(client, ship));
    }

    /// <summary>anomaly_count + duplicate_count over the ship's incidents: each accepted event counts once.</summary>
    private static async Task<long> CountedAsync(HttpClient http, string ship)
    {
        long total = 0;
        for (var page = 1; ; page++)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/v3/incidents?ship_id={ship}&per_page=200&page={page}"));
            var data = document.RootElement.GetProperty("data").EnumerateArray().ToList();
            total += data.Sum(i => i.GetProperty("anomaly_count").GetInt64() + i.GetProperty("duplicate_count").GetInt64());
            if (data.Count < 200)
            {
                return total;
            }
        }
    }
}
