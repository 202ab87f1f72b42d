using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Security;
using NATS.Net;
using Xunit.Abstractions;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml rehearsed without Docker: its real parts from Debian packages on loopback ports, two silos
/// and the API front end with the environment the file gives them, events published as vector.toml publishes
/// them. What differs from the composition, and why, is said where it is done.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Deployment)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
[Trait(TestNeeds.Name, TestNeeds.Nats)]
[Trait(TestNeeds.Name, TestNeeds.Prometheus)]
public sealed class FleetRehearsalTests(ITestOutputHelper output)
{
    private const int Normal = 900;
    private const int Anomalies = 30;
    private const int Broken = 30; // events with a field the contract does not have: rejected, an SLO breach
    private const int Slice = 20;  // published per 100 ms, so the stream lasts seconds and a kill lands mid-stream
    private static readonly string[] Services = ["pms-db", "pms-web", "crew-portal", "pos", "vsat-modem"];

    [RequiresFleetFact]
    public async Task The_fleet_counts_each_event_once_loses_nothing_to_a_killed_silo_and_pages_an_slo_breach()
    {
        var clock = Stopwatch.StartNew();
        var ship = Events.Ship("fleet");
        var (adminKey, viewerKey) = (ApiKeyHash.NewKey(), ApiKeyHash.NewKey());
        var fleet = new FleetComposition(new Dictionary<string, string>
        {
            // The .env of docker-compose.yml (deploy/compose.env.example), with fresh keys.
            ["AIOPS_ADMIN_KEY_HASH"] = ApiKeyHash.Of(adminKey), ["AIOPS_INGEST_KEY_HASH"] = ApiKeyHash.Of(ApiKeyHash.NewKey()),
            ["AIOPS_VIEWER_KEY_HASH"] = ApiKeyHash.Of(viewerKey), ["AIOPS_VIEWER_KEY"] = viewerKey,
            ["AIOPS_CONSOLE_KEY_HASH"] = ApiKeyHash.Of(ApiKeyHash.NewKey()), ["AIOPS_CONSOLE_KEY"] = "unused", ["SHIP_ID"] = ship,
        });

        await using var redis = await RedisServer.StartAsync();
        await using var nats = await NatsServer.StartAsync();
        // Ollama's wire-level stand-in (no model runs here); Qdrant and ClickHouse have no Debian package, so the
        // silos run without them: the in-process vector index, no analytics store.
        await using var ollama = await OllamaStandIn.StartAsync();
        fleet.Place("redis", 6379, redis.ConnectionString);
        fleet.Place("nats", 4222, $"127.0.0.1:{nats.Port}");
        fleet.Place("ollama", 11434, ollama.Address.Authority);
        var alertmanagerPort = FreePorts.Next();
        fleet.Place("alertmanager", 9093, $"127.0.0.1:{alertmanagerPort}");
        await using var alertmanager = await ServerProcess.StartAsync("/usr/bin/prometheus-alertmanager",
            fleet.Command("alertmanager", Paths(fleet, "alertmanager"))
                // One instance: no gossip port (it would collide with other tests), its own store.
                .Concat([$"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address=", $"--storage.path={Temp("am")}"]),
            alertmanagerPort);

        var silos = await Task.WhenAll(new[] { "aiops-silo-1", "aiops-silo-2" }.Select(s => SiloProcess.StartAsync(new Dictionary<string, string?>(), HostEnvironment(fleet, s))));
        await using var silo1 = silos[0];
        await using var silo2 = silos[1];
        await using var api = await SiloProcess.StartAsync(new Dictionary<string, string?>(), HostEnvironment(fleet, "aiops-api"));
        fleet.Place("aiops-silo-1", 8080, silo1.Address.Authority);
        fleet.Place("aiops-silo-2", 8080, silo2.Address.Authority);
        fleet.Place("aiops-api", 8080, api.Address.Authority);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0}s: Redis, NATS, Alertmanager, two silos and the front end are up");

        await using var victoriaMetrics = await StartVictoriaMetricsAsync(fleet);
        await using var vmalert = await StartVmalertAsync(fleet);

        // The stream, published as Vector publishes it, while the silos take it.
        var published = new List<(string Id, bool Anomaly)>();
        await using var vector = new VectorPublisher(nats.Url);
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < Normal + Anomalies + Broken; i++)
            {
                if (i > 0 && i % Slice == 0)
                {
                    await Task.Delay(100); // a publishing rate, not a wait: the stream lasts seconds, so the kill lands mid-stream
                }

                var kind = i % ((Normal + Anomalies + Broken) / Anomalies);
                var log = kind switch
                {
                    0 => vector.Log(ship, "pms-db", "error", "Database connection timeout after 30s"),
                    1 => vector.Log(ship, "pms-db", "info", "GET /cabins 200", extra: "unexpected_field"),
                    // Normal traffic of several services, so that the grains live on both silos.
                    _ => vector.Log(ship, Services[i % Services.Length], "info", $"GET /cabins/{i} 200"),
                };
                await vector.PublishAsync(log);
                if (kind != 1)
                {
                    lock (published)
                    {
                        published.Add(((string)log["tracking_id"], kind == 0));
                    }
                }
            }
        });

        // Silo 1 dies the hard way once its consumer has taken part of the stream.
        using var viewer = Client(silo1.Address, viewerKey);
        var processedAtKill = (await TestHost.EventuallyAsync<long?>(async () =>
        {
            await Task.Delay(50); // polling interval: each probe scrapes silo 1's /metrics
            string metrics;
            try
            {
                metrics = await viewer.GetStringAsync("/metrics");
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"silo 1 did not answer /metrics before the kill (its log: {silo1.LogPath})", e);
            }

            var taken = AiOps.Cli.PrometheusText.Sum(metrics, "aiops_events_ingested_total");
            return taken >= 50 ? taken : null;
        }, "silo 1 to be part way through the stream", 60000))!.Value;
        await silo1.KillAsync();
        Assert.False(publishing.IsCompleted, "the stream had ended before the kill; nothing was tested");
        await publishing;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0}s: silo 1 killed after taking {processedAtKill} events; {published.Count} valid events published");
        Assert.Equal(Normal + Anomalies, published.Count);

        // Through the front end: one incident, each anomaly counted on it once (as its member or a duplicate).
        using var admin = Client(api.Address, adminKey);
        var incident = await TestHost.EventuallyAsync(async () =>
        {
            // Until the cluster declares silo 1 dead, a read of a grain that lived there answers 503 with Retry-After.
            using var response = await admin.GetAsync($"/api/v3/incidents?ship_id={ship}");
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return null;
            }

            var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var found = page.GetProperty("data").EnumerateArray().FirstOrDefault();
            return found.ValueKind == JsonValueKind.Object && Counted(found) >= Anomalies ? found : (JsonElement?)null;
        }, "every anomaly on the incident, through the front end", 90000);
        var incidentId = incident!.Value.GetProperty("incident_id").GetString()!;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0}s: incident {incidentId} has all {Anomalies} anomalies");

        // Every event has its trace, served through the front end (nothing lost with the killed silo).
        var traced = 0;
        await Parallel.ForEachAsync(published, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (e, _) =>
        {
            var trace = await TestHost.EventuallyAsync(async () =>
            {
                using var response = await admin.GetAsync($"/api/v3/trace/{e.Id}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            }, $"the trace of {e.Id}", 60000);
            if (e.Anomaly)
            {
                Assert.Equal(incidentId, trace!.Value.GetProperty("incident_id").GetString());
            }

            Interlocked.Increment(ref traced);
        });
        Assert.Equal(published.Count, traced);

        // Once JetStream holds nothing pending or unacknowledged, every redelivery of what silo 1 held has been
        // taken: a redelivered event processed twice would show on the incident now.
        var ingest = new AiOps.Infrastructure.Ingest.NatsIngestOptions();
        await using var natsClient = new NatsClient(nats.Url);
        var jetStream = natsClient.CreateJetStreamContext();
        var drained = await TestHost.EventuallyAsync(async () =>
        {
            await Task.Delay(200); // polling interval: each probe asks JetStream for the consumer's state
            var consumer = await jetStream.GetConsumerAsync(ingest.Stream, ingest.Consumer);
            return consumer.Info is { NumPending: 0, NumAckPending: 0 } info ? info : null;
        }, "the consumer to have nothing pending or unacknowledged", 60000);
        // Each delivery takes a consumer sequence number, each message one stream sequence number: the difference is redeliveries.
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0}s: JetStream drained; {drained.Delivered.ConsumerSeq - drained.Delivered.StreamSeq} deliveries were redeliveries (silo 1's unacknowledged messages)");
        var settled = await admin.GetFromJsonAsync<JsonElement>($"/api/v3/incidents/{incidentId}");
        Assert.Equal(Anomalies, Counted(settled));
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/v3/incidents?ship_id={ship}")).GetProperty("data").EnumerateArray());
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0}s: all {traced} traces served; the incident still counts {Anomalies}");

        // The broken events are rejected, which breaches the Fast Path success SLO: vmalert, evaluating the shipped
        // rule on what VictoriaMetrics scraped from the silos, has Alertmanager hold a firing alert.
        using var alerts = new HttpClient { BaseAddress = alertmanager.Address };
        var firing = await TestHost.EventuallyAsync(async () =>
        {
            await Task.Delay(500); // polling interval: vmalert evaluates every 2 s
            var list = await alerts.GetFromJsonAsync<JsonElement>("/api/v2/alerts");
            return list.EnumerateArray().FirstOrDefault(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "AiOpsFastPathErrorRateHigh"
                && a.GetProperty("status").GetProperty("state").GetString() == "active") is { ValueKind: JsonValueKind.Object } alert ? alert : (JsonElement?)null;
        }, $"AiOpsFastPathErrorRateHigh firing in Alertmanager (logs: {vmalert.LogPath}, {victoriaMetrics.LogPath})", 90000);
        Assert.Equal("critical", firing!.Value.GetProperty("labels").GetProperty("severity").GetString());
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0}s: Alertmanager holds AiOpsFastPathErrorRateHigh (firing)");
    }

    private static int Counted(JsonElement incident) =>
        incident.GetProperty("anomaly_count").GetInt32() + incident.GetProperty("duplicate_count").GetInt32();

    /// <summary>A host's environment as docker-compose.yml gives it, with what one loopback interface needs on top.</summary>
    private static Dictionary<string, string> HostEnvironment(FleetComposition fleet, string service)
    {
        var environment = fleet.Environment(service);
        Assert.True(environment.Remove("ConnectionStrings__clickhouse"), "compose gives the hosts ClickHouse");
        Assert.True(environment.Remove("Qdrant__Endpoint"), "compose gives the hosts Qdrant");
        // Compose gives each container its own address; here all share loopback, so each silo its own ports.
        environment["Orleans__Endpoints__SiloPort"] = FreePorts.Next().ToString();
        environment["Orleans__Endpoints__GatewayPort"] = FreePorts.Next().ToString();
        environment["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1";
        environment["AiOps__DataDirectory"] = Temp(service); // the container's /data volume
        // A dead silo noticed, and its unacknowledged events redelivered, within seconds instead of the defaults.
        environment["Orleans__ClusterMembership__ProbeTimeout"] = "00:00:01";
        environment["Orleans__ClusterMembership__NumMissedProbesLimit"] = "2";
        environment["Orleans__ClusterMembership__TableRefreshTimeout"] = "00:00:01";
        environment["Orleans__ClusterMembership__IAmAliveTablePublishTimeout"] = "00:00:02";
        environment["Nats__AckWait"] = "00:00:03";
        environment["Logging__LogLevel__Default"] = "Warning";
        return environment;
    }

    /// <summary>VictoriaMetrics as compose runs it, scraping the shipped scrape.yml every second instead of every 15.</summary>
    private static async Task<ServerProcess> StartVictoriaMetricsAsync(FleetComposition fleet)
    {
        var port = FreePorts.Next();
        fleet.Place("victoriametrics", 8428, $"127.0.0.1:{port}");
        var paths = Paths(fleet, "victoriametrics");
        var scrape = fleet.Remap(File.ReadAllText(paths["/etc/vm/scrape.yml"]));
        Assert.Contains("scrape_interval: 15s", scrape);
        paths["/etc/vm/scrape.yml"] = Write("scrape.yml", scrape.Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal));
        paths["/storage"] = Temp("vm");
        return await ServerProcess.StartAsync("/usr/bin/victoria-metrics",
            fleet.Command("victoriametrics", paths).Append($"-httpListenAddr=127.0.0.1:{port}"), port, fleet.Environment("victoriametrics"));
    }

    /// <summary>vmalert as compose runs it on the shipped rules, evaluating every 2 s, each rule's "for" wait left out.</summary>
    private static async Task<ServerProcess> StartVmalertAsync(FleetComposition fleet)
    {
        var port = FreePorts.Next();
        fleet.Place("vmalert", 8880, $"127.0.0.1:{port}");
        var paths = Paths(fleet, "vmalert");
        var rulesPath = paths.Keys.Single(k => k.EndsWith(".rules.yml", StringComparison.Ordinal));
        var rules = File.ReadAllText(paths[rulesPath]);
        // The expressions, thresholds, labels and route are the shipped ones; only the minutes a breach must last are not waited out.
        var immediate = Regex.Replace(rules, @"^(\s+)for: \S+$", "$1for: 0s", RegexOptions.Multiline);
        Assert.NotEqual(rules, immediate);
        paths[rulesPath] = Write("aiops-slo.rules.yml", immediate);
        return await ServerProcess.StartAsync("/usr/bin/vmalert",
            fleet.Command("vmalert", paths).Concat([$"-httpListenAddr=127.0.0.1:{port}", "-evaluationInterval=2s"]), port);
    }

    private static Dictionary<string, string> Paths(FleetComposition fleet, string service) =>
        fleet.Mounts(service).ToDictionary(m => m.Container, m => m.Repository);

    private static string Temp(string name) => Directory.CreateTempSubdirectory($"aiops-fleet-{name}-").FullName;

    private static string Write(string name, string text)
    {
        var path = Path.Combine(Temp("config"), name);
        File.WriteAllText(path, text);
        return path;
    }

    private static HttpClient Client(Uri address, string key) => new()
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };
}
