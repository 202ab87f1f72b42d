using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Support;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace AiOps.Integration.Tests.Cluster;

/// <summary>JetStream ingestion: a silo killed mid-stream loses nothing and counts nothing twice.</summary>
[Trait(TestCategory.Name, TestCategory.Cluster)]
[Trait(TestNeeds.Name, TestNeeds.Nats)]
public sealed class NatsIngestionTests
{
    private const int Events = 1200;
    private const int Anomalies = 60;
    private const int Head = 200;  // published before the silo starts
    private const int Slice = 20;  // 1000 more at 20 per 100 ms: about five seconds of stream after start

    [RequiresNatsFact]
    public async Task Every_message_is_processed_exactly_once_across_a_killed_silo()
    {
        await using var nats = await NatsServer.StartAsync();
        var ship = Support.Events.Ship("nats");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await PublishAsync(nats, ship, start, 0, Head, pause: TimeSpan.Zero);
        var dataDirectory = Directory.CreateTempSubdirectory("aiops-nats-data-").FullName;
        Dictionary<string, string?> Settings() => new()
        {
            ["Nats:Url"] = nats.Url,
            ["Nats:FetchBatch"] = "40",
            ["Nats:AckWait"] = "00:00:03",
            ["AiOps:DataDirectory"] = dataDirectory,
            ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var first = await SiloProcess.StartAsync(Settings());
        // The rest is published at a measured pace while the silo runs, so the kill always lands mid-stream
        // however fast the machine: the silo cannot have taken what was not yet published.
        var publishing = PublishAsync(nats, ship, start, Head, Events, pause: TimeSpan.FromMilliseconds(100));
        long processedAtKill;
        using (var http = new HttpClient { BaseAddress = first.Address })
        {
            processedAtKill = (await TestHost.EventuallyAsync<long?>(async () =>
            {
                var processed = AiOps.Cli.PrometheusText.Sum(await http.GetStringAsync("/metrics"), "aiops_events_processed_total");
                return processed >= 100 ? processed : (long?)null;
            }, "the first silo to be part way through", 60000))!.Value;
        }

        await first.KillAsync();
        Assert.True(processedAtKill < Events, $"the silo had taken all {processedAtKill} events before it was killed; nothing was tested");
        await publishing;
        await using var second = await TestHost.StartAsync(dataDirectory, Settings());

        // Everything left is taken, and each anomaly counts once: as the incident's first member or a duplicate.
        var incident = await TestHost.EventuallyAsync(async () =>
        {
            var page = await second.GetJsonAsync($"/api/v3/incidents?ship_id={ship}");
            var found = page.GetProperty("data").EnumerateArray().FirstOrDefault();
            return found.ValueKind == JsonValueKind.Object
                && found.GetProperty("anomaly_count").GetInt32() + found.GetProperty("duplicate_count").GetInt32() >= Anomalies ? found : (JsonElement?)null;
        }, "all anomalies on the incident", 90000);
        // A message is acknowledged only once its service grain has processed it, so when the consumer has nothing
        // pending or unacknowledged every redelivery of what the killed silo held has been processed: one counted
        // twice would show on the incident now.
        var ingest = new AiOps.Infrastructure.Ingest.NatsIngestOptions();
        await using var client = new NatsClient(nats.Url);
        var jetStream = client.CreateJetStreamContext();
        await TestHost.EventuallyAsync(async () =>
        {
            var consumer = await jetStream.GetConsumerAsync(ingest.Stream, ingest.Consumer);
            return consumer.Info is { NumPending: 0, NumAckPending: 0 } ? (object)true : null;
        }, "the consumer to have nothing pending or unacknowledged", 60000);
        var settled = await second.GetJsonAsync($"/api/v3/incidents/{incident!.Value.GetProperty("incident_id").GetString()}");
        Assert.Equal(Anomalies, settled.GetProperty("anomaly_count").GetInt32() + settled.GetProperty("duplicate_count").GetInt32());
        Assert.Single((await second.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("data").EnumerateArray());
        await first.DisposeAsync();
    }

    [RequiresNatsFact]
    public async Task A_silo_that_starts_before_nats_consumes_once_nats_is_there()
    {
        var port = FreePorts.Next();
        var ship = Support.Events.Ship("nats-late");
        await using var silo = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Nats:Url"] = $"nats://127.0.0.1:{port}",
            ["Nats:RetryDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        await using var nats = await NatsServer.StartAsync(port);
        await PublishAsync(nats, ship, DateTimeOffset.UtcNow, 0, 1, pause: TimeSpan.Zero);

        await silo.IncidentsOfShipAsync(ship, 1);
    }

    /// <summary>Publishes events [from, to) in slices of <see cref="Slice"/>, pausing between slices.</summary>
    private static async Task PublishAsync(NatsServer server, string ship, DateTimeOffset start, int from, int to, TimeSpan pause)
    {
        await using var client = new NatsClient(server.Url);
        var jetStream = client.CreateJetStreamContext();
        // The silo creates the stream too, maybe at this very moment: with the silo's own configuration, whichever
        // comes second finds the same stream (a different one was refused as "already in use", failing the test once).
        var ingest = new AiOps.Infrastructure.Ingest.NatsIngestOptions();
        await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(ingest.Stream, ingest.Subjects) { Storage = StreamConfigStorage.File });
        for (var i = from; i < to; i++)
        {
            // A publishing rate, not a wait: the stream lasts seconds so that the kill lands mid-stream.
            if (pause > TimeSpan.Zero && i > from && (i - from) % Slice == 0)
                await Task.Delay(pause);
            var anomalous = i % (Events / Anomalies) == 0;
            var item = Support.Events.Log(ship, "app", "pms-db", anomalous ? "error" : "info",
                anomalous ? "Database connection timeout after 30s" : $"GET /cabins/{i} 200", $"nats-{ship}-{i}", start.AddSeconds(i), "db-01");
            var body = JsonSerializer.SerializeToUtf8Bytes(item, AiOpsJson.Options);
            var ack = await jetStream.PublishAsync(anomalous ? "logs.anomalous" : "logs.ingested.app.pms-db", body);
            Assert.Null(ack.Error);
        }
    }
}
