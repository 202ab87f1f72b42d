using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Json;
using AiOps.Core.Policy;
using AiOps.Grains.Notifications;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// Two silos as their own processes in one Redis cluster, a real webhook receiver that is down: the silo holding
/// the incident (its outbox) is killed while the notification is being retried, and the survivor delivers it once
/// the receiver is back, exactly once, with nothing dead-lettered.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Cluster)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
public sealed class NotificationFailoverTests(ITestOutputHelper output)
{
    private const int Wait = 120000;

    [RequiresRedisFact]
    public async Task A_notification_retrying_during_an_outage_is_delivered_once_after_the_silo_holding_its_incident_dies()
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

        var silos = new[] { Member(), Member() };
        await using var first = await SiloProcess.StartAsync(silos[0]);
        await using var second = await SiloProcess.StartAsync(silos[1]);
        // An API-only member (no silo, no pump: it cannot send anything itself) to ask the cluster where grains live.
        var observerSettings = Member();
        observerSettings["AiOps:Role"] = "api";
        await using var observer = await TestHost.StartAsync(settings: observerSettings);

        var ship = Events.Ship("failover");
        using var ingest = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(60) };
        var log = Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", null, DateTimeOffset.UtcNow, "db-01");
        using (var content = new StringContent(JsonSerializer.Serialize(log, AiOpsJson.Options), Encoding.UTF8, "application/x-ndjson"))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v3/ingest/logs", content)).StatusCode);
        }

        var incidentId = await TestHost.EventuallyAsync(async () =>
        {
            var page = await GetJsonOrNullAsync(ingest, $"/api/v3/incidents?ship_id={ship}");
            return page?.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("incident_id").GetString()).FirstOrDefault();
        }, "the incident", Wait);
        var key = $"{incidentId}/opened/webhook";

        // Retrying, and the retrying recorded in the incident's durable state, before the kill.
        await TestHost.EventuallyAsync(async () => NotificationOutageTests.Answered(receiver, key, s => s == 503) >= 2
            && await HasTimelineEntryAsync(ingest, incidentId, e => e.GetProperty("event").GetString() == "notification_retrying") ? (bool?)true : null,
            "two failed attempts, noted on the timeline", Wait);

        // Kill the silo where the incident (its outbox) is active; where the ship's dispatcher shard is goes in the log.
        var grains = observer.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var shards = new PolicyRuntime(new StaticPolicyProvider(PolicyLoader.Load(policies))).Fleet.Notify.Dispatch.Shards;
        var incidentSilo = await TestHost.EventuallyAsync(async () => await management.GetActivationAddress(grains.GetGrain<IIncidentGrain>(incidentId)),
            "the incident's activation", Wait);
        var shardSilo = await management.GetActivationAddress(grains.GetGrain<INotificationDispatcherGrain>(INotificationDispatcherGrain.KeyOf(ship, shards)));
        var victimIndex = silos.ToList().FindIndex(s => s["Orleans:Endpoints:SiloPort"] == incidentSilo.Endpoint.Port.ToString());
        Assert.True(victimIndex >= 0, $"the incident is active on {incidentSilo}, which is neither test silo");
        var (victim, survivor) = victimIndex == 0 ? (first, second) : (second, first);
        output.WriteLine($"ingest on silo 0; incident on silo {victimIndex} ({incidentSilo}); dispatcher shard on {shardSilo?.ToString() ?? "(not active)"}; killing silo {victimIndex}, survivor log {survivor.LogPath}");

        await victim.KillAsync();
        var failedAtKill = NotificationOutageTests.Answered(receiver, key, s => s == 503);
        using var http = new HttpClient { BaseAddress = survivor.Address, Timeout = TimeSpan.FromSeconds(60) };

        // The survivor takes the retrying over while the receiver is still down (the dead silo sends nothing more).
        await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(NotificationOutageTests.Answered(receiver, key, s => s == 503) >= failedAtKill + 2 ? true : null),
            "the survivor retrying", Wait);
        var movedTo = await TestHost.EventuallyAsync(async () =>
        {
            var at = await management.GetActivationAddress(grains.GetGrain<IIncidentGrain>(incidentId));
            return at is not null && !at.Equals(incidentSilo) ? at : null;
        }, "the incident active on the survivor", Wait);
        output.WriteLine($"after the kill the incident is active on {movedTo}; {failedAtKill} failed attempts before the kill");

        down = false;
        await TestHost.EventuallyAsync(async () => await HasTimelineEntryAsync(http, incidentId,
            e => e.GetProperty("description").GetString()!.StartsWith("Notified via webhook", StringComparison.Ordinal)) ? (bool?)true : null,
            "the delivery recorded on the survivor", Wait);

        // Exactly once: one successful delivery for the key, and no key delivered twice.
        Assert.Equal(1, NotificationOutageTests.Answered(receiver, key, s => s == 200));
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
