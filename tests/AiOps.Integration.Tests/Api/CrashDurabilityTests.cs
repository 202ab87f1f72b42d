using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>
/// A 202 is a promise: the host as its own process is killed the moment the last 202 arrives, restarted on the
/// same data directory, and every accepted event must then count exactly once, with its trace. The same for
/// alerts, which Alertmanager's API answers with 200.
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
        await SendKillRestartAndCountAsync(() => OneBox(dataDirectory));
    }

    [Fact]
    public async Task Alerts_answered_200_survive_a_kill_right_after_the_last_answer_and_count_once()
    {
        // Alerts are journaled in a format of their own (AlertBatchFormat): the replay must read it back.
        var dataDirectory = Directory.CreateTempSubdirectory("aiops-crash-alerts-").FullName;
        await SendKillRestartAndCountAsync(() => OneBox(dataDirectory), send: SendAlertsAsync);
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

    /// <summary>A one-box host on the data directory, on fresh ports each start.</summary>
    private static Dictionary<string, string?> OneBox(string dataDirectory) => new()
    {
        ["AiOps:DataDirectory"] = dataDirectory,
        ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(),
        ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// Sends, kills the host that answered, then counts through a restarted host on the same data directory, or
    /// (<paramref name="failover"/>) through a second cluster member that was running all along.
    /// </summary>
    private static async Task SendKillRestartAndCountAsync(Func<Dictionary<string, string?>> settings, bool failover = false,
        Func<HttpClient, string, Task<List<string>>>? send = null)
    {
        await using var survivor = failover ? await SiloProcess.StartAsync(settings()) : null;
        var ship = Events.Ship("crash");
        var host = await SiloProcess.StartAsync(settings());
        List<string> trackingIds;
        using (var http = new HttpClient { BaseAddress = host.Address })
        {
            trackingIds = await (send ?? SendLogsAsync)(http, ship);
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

    /// <summary>Error logs of five services, each answered 202; answers their tracking ids.</summary>
    private static async Task<List<string>> SendLogsAsync(HttpClient http, string ship)
    {
        var trackingIds = new List<string>();
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

        return trackingIds;
    }

    /// <summary>Distinct firing alerts (one instance each) of five services, posted as Alertmanager does; answers their tracking ids.</summary>
    private static async Task<List<string>> SendAlertsAsync(HttpClient http, string ship)
    {
        var trackingIds = new List<string>();
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var endsAt = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O");
        for (var r = 0; r < Requests; r++)
        {
            var alerts = Enumerable.Range(0, PerRequest).Select(i => new Dictionary<string, object>
            {
                ["labels"] = new Dictionary<string, string>
                {
                    ["alertname"] = "DiskAlmostFull", ["ship_id"] = ship, ["service"] = $"db-{i % 5}",
                    ["instance"] = $"node-{r:D3}-{i:D3}:9100", ["severity"] = "critical",
                },
                ["annotations"] = new Dictionary<string, string> { ["summary"] = $"disk of node {r}/{i} 98% full" },
                ["startsAt"] = startsAt,
                ["endsAt"] = endsAt,
            });
            using var response = await http.PostAsync("/api/v2/alerts", new StringContent(JsonSerializer.Serialize(alerts), Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            trackingIds.AddRange(answer.RootElement.GetProperty("tracking_ids").EnumerateArray().Select(id => id.GetString()!));
        }

        Assert.Equal(Requests * PerRequest, trackingIds.Count);
        return trackingIds;
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
