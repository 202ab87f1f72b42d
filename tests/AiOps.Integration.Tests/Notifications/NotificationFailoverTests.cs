using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Json;
using AiOps.Core.Policy;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// Two silos as their own processes in one Redis cluster, a real webhook receiver that is down: the silo holding
/// incidents (their outboxes), and with them their dispatcher shards where placement put them together, is killed
/// while the notifications are being retried; the survivor delivers each once the receiver is back, exactly once,
/// with nothing dead-lettered.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Cluster)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
public sealed class NotificationFailoverTests(ITestOutputHelper output)
{
    private const int Wait = 120000;
    private const int Ships = 6;

    [RequiresRedisFact]
    public async Task Notifications_retrying_during_an_outage_are_delivered_once_after_the_silo_holding_their_incidents_dies()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var receiver = await HttpReceiver.StartAsync();
        var down = true;
        receiver.StatusFor = _ => down ? 503 : 200;
        var policies = NotificationOutageTests.Policies(receiver, "24h");
        var cluster = $"failover-{Guid.NewGuid():N}";
        Dictionary<string, string?> Member()
        {
            var settings = ClusterSettings.Member(redis.ConnectionString, cluster, Directory.CreateTempSubdirectory("aiops-failover-").FullName);
            settings["AiOps:PolicyDirectory"] = policies;
            return settings;
        }

        // The first silo alone takes the events: it activates every dispatcher shard and every incident, so all the
        // notification state is where the kill lands (placement never moves a grain once the second silo joins).
        var silos = new[] { Member(), Member() };
        await using var first = await SiloProcess.StartAsync(silos[0]);

        // Several ships, so that several incidents and dispatcher shards are lost with the silo.
        var ships = Enumerable.Range(0, Ships).Select(_ => Events.Ship("failover")).ToList();
        using var ingest = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(60) };
        var logs = ships.Select(ship => JsonSerializer.Serialize(
            Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", null, DateTimeOffset.UtcNow, "db-01"), AiOpsJson.Options));
        using (var content = new StringContent(string.Join('\n', logs), Encoding.UTF8, "application/x-ndjson"))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v3/ingest/logs", content)).StatusCode);
        }

        var incidents = new Dictionary<string, string>(); // ship -> incident id
        foreach (var ship in ships)
        {
            incidents[ship] = await TestHost.EventuallyAsync(async () =>
            {
                var page = await GetJsonOrNullAsync(ingest, $"/api/v3/incidents?ship_id={ship}");
                return page?.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("incident_id").GetString()).FirstOrDefault();
            }, $"the incident of {ship}", Wait);
        }

        static string KeyOf(string incidentId) => $"{incidentId}/opened/webhook";
        int Failed(string incidentId) => NotificationOutageTests.Answered(receiver, KeyOf(incidentId), s => s == 503);

        // Every notification retrying, and the retrying recorded in its incident's durable state, before the kill.
        async Task AllRetryingSinceAsync(Dictionary<string, int> failedBefore, string by)
        {
            foreach (var incidentId in incidents.Values)
            {
                await TestHost.EventuallyAsync(async () => Failed(incidentId) >= failedBefore.GetValueOrDefault(incidentId) + 2
                    && await HasTimelineEntryAsync(ingest, incidentId, e => e.GetProperty("event").GetString() == "notification_retrying") ? (bool?)true : null,
                    $"two failed attempts of {incidentId} {by}", Wait);
            }
        }

        await AllRetryingSinceAsync([], "noted on its timeline");

        // The second silo joins (its pump works the same outboxes, under the lease), and an API-only member (no
        // silo, no pump: it sends nothing) asks the cluster where the grains are.
        await using var second = await SiloProcess.StartAsync(silos[1]);
        var observerSettings = Member();
        observerSettings["AiOps:Role"] = "api";
        await using var observer = await TestHost.StartAsync(settings: observerSettings);
        var grains = observer.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var shards = new PolicyRuntime(new StaticPolicyProvider(PolicyLoader.Load(policies))).Fleet.Notify.Dispatch.Shards;
        async Task<int> SiloOfAsync(IAddressable grain, int? notOn = null)
        {
            var at = await TestHost.EventuallyAsync(async () => await management.GetActivationAddress(grain) is { } a && !(notOn is { } n && a.Endpoint.Port.ToString() == silos[n]["Orleans:Endpoints:SiloPort"]) ? a : null,
                $"the activation of {grain}", Wait);
            return Array.FindIndex(silos, s => s["Orleans:Endpoints:SiloPort"] == at.Endpoint.Port.ToString());
        }

        IIncidentGrain IncidentGrain(string incidentId) => grains.GetGrain<IIncidentGrain>(incidentId);
        INotificationDispatcherGrain Shard(string ship) => grains.GetGrain<INotificationDispatcherGrain>(INotificationDispatcherGrain.KeyOf(ship, shards));
        foreach (var (ship, incidentId) in incidents)
        {
            Assert.Equal(0, await SiloOfAsync(IncidentGrain(incidentId)));
            Assert.Equal(0, await SiloOfAsync(Shard(ship)));
        }

        await AllRetryingSinceAsync(incidents.Values.ToDictionary(id => id, Failed), "in the two-silo cluster");
        output.WriteLine($"{Ships} incidents on {ships.Select(ship => INotificationDispatcherGrain.KeyOf(ship, shards)).Distinct().Count()} shards, all on the silo that took the ingest; survivor log {second.LogPath}");

        await first.KillAsync();
        var killedAt = DateTime.UtcNow;
        var failedAtKill = incidents.Values.ToDictionary(id => id, Failed);
        using var http = new HttpClient { BaseAddress = second.Address, Timeout = TimeSpan.FromSeconds(60) };

        // The survivor takes the retrying over while the receiver is still down: the incidents and shards come back
        // from Redis on it.
        foreach (var (ship, incidentId) in incidents)
        {
            await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(Failed(incidentId) >= failedAtKill[incidentId] + 2 ? true : null),
                $"the survivor retrying {incidentId}", Wait);
            Assert.Equal(1, await SiloOfAsync(IncidentGrain(incidentId), notOn: 0));
            Assert.Equal(1, await SiloOfAsync(Shard(ship), notOn: 0));
        }

        output.WriteLine($"the survivor retried all of them {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after the kill");
        down = false;
        foreach (var incidentId in incidents.Values)
        {
            await TestHost.EventuallyAsync(async () => await HasTimelineEntryAsync(http, incidentId,
                e => e.GetProperty("description").GetString()!.StartsWith("Notified via webhook", StringComparison.Ordinal)) ? (bool?)true : null,
                $"the delivery of {incidentId} recorded on the survivor", Wait);
        }

        // Exactly once: one successful delivery per notification, and no key delivered twice.
        Assert.All(incidents.Values, id => Assert.Equal(1, NotificationOutageTests.Answered(receiver, KeyOf(id), s => s == 200)));
        Assert.All(receiver.Received.Where(r => r.Status == 200).GroupBy(r => r.Headers["Idempotency-Key"]), g => Assert.Single(g));
        var dead = await GetJsonOrNullAsync(http, "/api/v3/notifications?state=failed");
        Assert.NotNull(dead);
        Assert.Empty(dead.Value.GetProperty("data").EnumerateArray());
    }

    /// <summary>The answer's JSON, or null while the silo cannot answer yet (e.g. 503 until the dead silo is declared dead).</summary>
    private static async Task<JsonElement?> GetJsonOrNullAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode ? await TestHost.GetJsonFromAsync(response) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<bool> HasTimelineEntryAsync(HttpClient http, string incidentId, Func<JsonElement, bool> match) =>
        await GetJsonOrNullAsync(http, $"/api/v3/incidents/{incidentId}") is { } incident
        && incident.GetProperty("timeline").EnumerateArray().Any(match);
}
