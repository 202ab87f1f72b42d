using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// A real webhook receiver (Kestrel on a loopback port) that is down for a while: notifications are retried until
/// notify.yaml give_up_after, across a restart of the host, and what passes the deadline is dead-lettered where an
/// engineer can see and retry it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class NotificationOutageTests
{
    /// <summary>Webhook only, quiet hours off, short waits between attempts so the test runs in seconds.</summary>
    internal static string Policies(HttpReceiver receiver, string giveUpAfter)
    {
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "notify.yaml", "url: \"${WEBHOOK_URL}\"", $"url: \"{receiver.Address}hook\"");
        PolicyFolder.Edit(folder, "notify.yaml", "quiet_hours:\n  enabled: true", "quiet_hours:\n  enabled: false");
        PolicyFolder.Edit(folder, "notify.yaml", "email:\n    enabled: true", "email:\n    enabled: false");
        PolicyFolder.Edit(folder, "notify.yaml", "give_up_after: 24h", $"give_up_after: {giveUpAfter}");
        PolicyFolder.Edit(folder, "notify.yaml", "initial_sec: 2\n  max_sec: 300", "initial_sec: 1\n  max_sec: 2");
        // These tests count the outbox's attempts at the receiver, so the channel's circuit breaker must not open
        // and stop them (NotificationResilienceTests covers the breaker).
        PolicyFolder.Edit(folder, "notify.yaml", "minimum_throughput: 5", "minimum_throughput: 10000");
        return folder;
    }

    private static async Task<string> OpenIncidentAsync(TestHost host, string ship)
    {
        var log = Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", null, DateTimeOffset.UtcNow, "db-01");
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostNdjsonAsync("/api/v3/ingest/logs", [log])).StatusCode);
        return (await host.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
    }

    internal static int Answered(HttpReceiver receiver, string key, Func<int, bool> status) =>
        receiver.Received.Count(r => r.Path == "/hook" && r.Headers["Idempotency-Key"] == key && status(r.Status));

    private static async Task<JsonElement[]> TimelineAsync(TestHost host, string incidentId) =>
        (await host.GetJsonAsync($"/api/v3/incidents/{incidentId}")).GetProperty("timeline").EnumerateArray().ToArray();

    [Fact]
    public async Task A_receiver_down_across_a_restart_gets_the_notification_once_it_is_back()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var down = true;
        receiver.StatusFor = _ => down ? 503 : 200;
        var settings = PolicyFolder.Settings(Policies(receiver, "24h"));
        var data = Directory.CreateTempSubdirectory("aiops-outage-").FullName;
        var ship = Events.Ship("outage");

        string incidentId, key;
        await using (var first = await TestHost.StartAsync(data, settings))
        {
            incidentId = await OpenIncidentAsync(first, ship);
            key = $"{incidentId}/opened/webhook";
            // More failures than the old retry count (2) allowed, all inside the outage.
            await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(Answered(receiver, key, s => s == 503) >= 4 ? true : null), "four failed attempts", 60000);
            var timeline = await TimelineAsync(first, incidentId);
            Assert.Contains(timeline, e => e.GetProperty("event").GetString() == "notification_retrying");
        }

        await using var second = await TestHost.StartAsync(data, settings);
        var failedBefore = Answered(receiver, key, s => s == 503);
        await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(Answered(receiver, key, s => s == 503) > failedBefore ? true : null),
            "the restarted host retrying", 60000);
        down = false;
        await TestHost.EventuallyAsync(async () => (await TimelineAsync(second, incidentId)).Any(e => e.GetProperty("description").GetString()!.StartsWith("Notified via webhook", StringComparison.Ordinal)) ? (bool?)true : null,
            "the delivery recorded", 60000);

        Assert.Equal(1, Answered(receiver, key, s => s == 200));
        var dead = await second.GetJsonAsync("/api/v3/notifications?state=failed");
        Assert.DoesNotContain(dead.GetProperty("data").EnumerateArray(), n => n.GetProperty("incident_id").GetString() == incidentId);
    }

    [Fact]
    public async Task Past_give_up_after_a_notification_is_dead_lettered_counted_noted_and_an_engineer_can_retry_it()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var down = true;
        receiver.StatusFor = _ => down ? 500 : 200;
        var keys = new ApiKeys().Add("vera", "viewer").Add("erik", "engineer").Add("vector", "ingest");
        var settings = PolicyFolder.Settings(Policies(receiver, "5s"));
        foreach (var (name, value) in keys.Settings)
        {
            settings[name] = value;
        }

        await using var host = await TestHost.StartAsync(settings: settings);
        using var viewer = keys.ClientOf(host, "vera");
        using var engineer = keys.ClientOf(host, "erik");
        using var ingest = keys.ClientOf(host, "vector");
        var ship = Events.Ship("dead");
        var log = Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", null, DateTimeOffset.UtcNow, "db-01");
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v3/ingest/logs", JsonContent.Create(new[] { log }, options: Contracts.Json.AiOpsJson.Options))).StatusCode);

        var entry = (await TestHost.EventuallyAsync(async () =>
        {
            var list = await TestHost.GetJsonFromAsync(await viewer.GetAsync("/api/v3/notifications?state=failed"));
            return list.GetProperty("data").EnumerateArray().Where(n => n.GetProperty("ship_id").GetString() == ship).Select(n => (JsonElement?)n).FirstOrDefault();
        }, "the dead-lettered notification", 60000))!.Value;
        var id = entry.GetProperty("notification_id").GetString()!;
        var incidentId = entry.GetProperty("incident_id").GetString()!;
        Assert.Equal($"{incidentId}.opened.webhook", id);
        Assert.Equal("failed", entry.GetProperty("state").GetString());
        Assert.True(entry.GetProperty("attempts").GetInt32() >= 2);
        Assert.Contains("500", entry.GetProperty("last_error").GetString());

        var incident = await TestHost.GetJsonFromAsync(await viewer.GetAsync($"/api/v3/incidents/{incidentId}"));
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("description").GetString()!.Contains("dead-lettered", StringComparison.Ordinal));
        var metrics = await viewer.GetStringAsync("/metrics");
        Assert.Matches(@"aiops_notifications_dead_total\{[^}]*channel=""webhook""[^}]*\} [1-9]", metrics);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/v3/notifications?state=sent")).StatusCode);

        // A viewer may look, not retry; an engineer's retry delivers it once the receiver is back.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v3/notifications/{id}/retry", null)).StatusCode);
        down = false;
        var retried = await engineer.PostAsync($"/api/v3/notifications/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("pending", (await TestHost.GetJsonFromAsync(retried)).GetProperty("state").GetString());
        var key = $"{incidentId}/opened/webhook";
        await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(Answered(receiver, key, s => s == 200) == 1 ? true : null), "the retried delivery", 60000);
        await TestHost.EventuallyAsync(async () =>
        {
            var list = await TestHost.GetJsonFromAsync(await viewer.GetAsync("/api/v3/notifications?state=failed"));
            return list.GetProperty("data").EnumerateArray().Any(n => n.GetProperty("ship_id").GetString() == ship) ? null : (bool?)true;
        }, "the dead-letter list without it", 30000);

        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsync($"/api/v3/notifications/{id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostAsync($"/api/v3/notifications/{incidentId}.opened.pagerduty/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await engineer.PostAsync("/api/v3/notifications/no-dots/retry", null)).StatusCode);
    }
}
