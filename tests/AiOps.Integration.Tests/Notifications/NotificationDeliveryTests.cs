using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Grains;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>Notifications through the real host to local receivers: exactly once per transition and channel.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class NotificationDeliveryTests
{
    private const string Secret = "webhook-test-secret";

    /// <summary>A policy copy whose channels point at the test's receivers, with quiet hours off.</summary>
    private static string Policies(HttpReceiver receiver, bool email, bool pagerDutyAndAlertmanager)
    {
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "notify.yaml", "url: \"${WEBHOOK_URL}\"", $"url: \"{receiver.Address}hook\"");
        PolicyFolder.Edit(folder, "notify.yaml", "secret: \"${WEBHOOK_SECRET}\"", $"secret: \"{Secret}\"");
        PolicyFolder.Edit(folder, "notify.yaml", "quiet_hours:\n  enabled: true", "quiet_hours:\n  enabled: false");
        if (!email)
        {
            PolicyFolder.Edit(folder, "notify.yaml", "email:\n    enabled: true", "email:\n    enabled: false");
        }

        if (pagerDutyAndAlertmanager)
        {
            PolicyFolder.Edit(folder, "notify.yaml", "url: \"${ALERTMANAGER_WEBHOOK_URL}\"", $"url: \"{receiver.Address}alertmanager\"");
            PolicyFolder.Edit(folder, "notify.yaml", "alertmanager:                # an Alertmanager-compatible webhook receiver (e.g. a team's existing alert router)\n    enabled: false",
                "alertmanager:\n    enabled: true");
            PolicyFolder.Edit(folder, "notify.yaml", "pagerduty:\n    enabled: false", "pagerduty:\n    enabled: true");
            PolicyFolder.Edit(folder, "notify.yaml", "integration_key: \"${PAGERDUTY_KEY}\"", "integration_key: \"test-routing-key\"");
        }

        return folder;
    }

    private static async Task<string> OpenIncidentAsync(TestHost host, string ship)
    {
        var log = Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", null, DateTimeOffset.UtcNow, "db-01");
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostNdjsonAsync("/api/v3/ingest/logs", [log])).StatusCode);
        return (await host.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
    }

    private static Task PatchAsync(TestHost host, string id, string status) =>
        host.Http.PatchAsync($"/api/v3/incidents/{id}", new StringContent($$"""{"status":"{{status}}"}""", Encoding.UTF8, "application/json"));

    /// <summary>Waits until the incident's timeline records <paramref name="count"/> notifications.</summary>
    private static Task NotificationsRecordedAsync(TestHost host, string incidentId, int count) =>
        TestHost.EventuallyAsync(async () =>
        {
            var timeline = (await host.GetJsonAsync($"/api/v3/incidents/{incidentId}")).GetProperty("timeline").EnumerateArray();
            return timeline.Count(e => e.GetProperty("event").GetString() == "notification") >= count ? (object)true : null;
        }, $"{count} notifications recorded on {incidentId}", 30000);

    /// <summary>
    /// Waits until the incident's outbox has no pending notification. The probe takes due entries with a zero lease,
    /// so it never holds back the pump (an entry it takes is due again at once) and never shortens a pump's lease.
    /// </summary>
    private static Task NothingPendingAsync(TestHost host, string incidentId)
    {
        var incident = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(incidentId);
        return TestHost.EventuallyAsync(async () =>
            (await incident.TakeDueNotificationsAsync(TimeSpan.Zero)).AnyPending ? null : (object)true,
            $"no notification pending on {incidentId}", 30000);
    }

    private static IEnumerable<ReceivedRequest> At(HttpReceiver receiver, string path) => receiver.Received.Where(r => r.Path == path);

    [Fact]
    public async Task Each_transition_reaches_the_webhook_once_across_a_retry_and_a_restart()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var firstTry = new ConcurrentDictionary<string, bool>();
        // Every notification's first attempt fails: the retry must deliver it, under the same key.
        receiver.StatusFor = body => firstTry.TryAdd(JsonDocument.Parse(body).RootElement.GetProperty("idempotency_key").GetString()!, true) ? 500 : 200;
        var settings = PolicyFolder.Settings(Policies(receiver, email: false, pagerDutyAndAlertmanager: false));
        var data = Directory.CreateTempSubdirectory("aiops-notify-").FullName;
        var ship = Events.Ship("notify");

        string incidentId;
        await using (var first = await TestHost.StartAsync(data, settings))
        {
            incidentId = await OpenIncidentAsync(first, ship);
            await PatchAsync(first, incidentId, "ack");
            await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(At(receiver, "/hook").Count() >= 4 ? true : null), "two notifications, each retried once", 30000);
            // The receiver has the delivery before the incident records it; stopping the host in between would
            // leave the ack's delivery unrecorded. Wait for both records before the restart.
            await NotificationsRecordedAsync(first, incidentId, 2);
        }

        await using (var second = await TestHost.StartAsync(data, settings))
        {
            await PatchAsync(second, incidentId, "resolved");
            await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(At(receiver, "/hook").Count() >= 6 ? true : null), "the resolve after the restart", 30000);
            await NotificationsRecordedAsync(second, incidentId, 3);
            // Once the incident's outbox holds nothing pending, no pump has anything left to send: a duplicate of
            // any transition would have to have been delivered already, and would be counted below.
            await NothingPendingAsync(second, incidentId);
            var timeline = (await second.GetJsonAsync($"/api/v3/incidents/{incidentId}")).GetProperty("timeline").EnumerateArray();
            Assert.Equal(3, timeline.Count(e => e.GetProperty("event").GetString() == "notification"));
        }

        var calls = At(receiver, "/hook").ToList();
        var keys = calls.Select(c => c.Headers["Idempotency-Key"]).ToList();
        Assert.Equal(6, calls.Count);
        Assert.Equal([$"{incidentId}/opened/webhook", $"{incidentId}/ack/webhook", $"{incidentId}/resolved/webhook"], keys.Distinct());
        Assert.All(keys.GroupBy(k => k), g => Assert.Equal(2, g.Count())); // one failed attempt, one delivery
        foreach (var call in calls)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(call.Body)));
            Assert.Equal(expected, call.Headers["X-AiOps-Signature"]);
        }

        var opened = JsonDocument.Parse(calls[0].Body).RootElement;
        Assert.Equal(ship, opened.GetProperty("ship_id").GetString());
        Assert.StartsWith("New ", opened.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Email_goes_to_the_severitys_recipients_through_smtp()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var smtp = new SmtpSink();
        var settings = PolicyFolder.Settings(Policies(receiver, email: true, pagerDutyAndAlertmanager: false));
        settings["Notifications:SmtpHost"] = "127.0.0.1";
        settings["Notifications:SmtpPort"] = smtp.Port.ToString();
        settings["Notifications:From"] = "aiops@ship.example";
        await using var host = await TestHost.StartAsync(settings: settings);
        var ship = Events.Ship("mail");

        var incidentId = await OpenIncidentAsync(host, ship);

        await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(smtp.Messages.IsEmpty ? null : true), "the mail", 30000);
        var mail = Assert.Single(smtp.Messages);
        var incident = await host.GetJsonAsync($"/api/v3/incidents/{incidentId}");
        var severity = incident.GetProperty("severity").GetString();
        Assert.Contains($"New {severity} incident: {incident.GetProperty("incident_type").GetString()} on {ship}", mail.Raw);
        Assert.Contains($"{incidentId}.opened.email@aiops", mail.Raw);
        Assert.Contains("engineering@cruise.com", mail.Recipients);
    }

    [Fact]
    public async Task PagerDuty_and_Alertmanager_receive_their_own_formats()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var settings = PolicyFolder.Settings(Policies(receiver, email: false, pagerDutyAndAlertmanager: true));
        settings["Notifications:PagerDutyEventsUrl"] = receiver.Address + "pagerduty";
        await using var host = await TestHost.StartAsync(settings: settings);
        var ship = Events.Ship("pd");

        var incidentId = await OpenIncidentAsync(host, ship);
        await PatchAsync(host, incidentId, "ack");
        await PatchAsync(host, incidentId, "resolved");
        await TestHost.EventuallyAsync(() => Task.FromResult<bool?>(At(receiver, "/pagerduty").Count() >= 3 && At(receiver, "/alertmanager").Count() >= 3 ? true : null), "three transitions on both", 30000);

        var pagerDuty = At(receiver, "/pagerduty").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["trigger", "acknowledge", "resolve"], pagerDuty.Select(e => e.GetProperty("event_action").GetString()));
        Assert.All(pagerDuty, e => Assert.Equal(incidentId, e.GetProperty("dedup_key").GetString()));
        Assert.All(pagerDuty, e => Assert.Equal("test-routing-key", e.GetProperty("routing_key").GetString()));
        Assert.Equal(ship, pagerDuty[0].GetProperty("payload").GetProperty("source").GetString());

        var alertmanager = At(receiver, "/alertmanager").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(alertmanager, e => Assert.Equal("4", e.GetProperty("version").GetString()));
        Assert.Equal(["firing", "firing", "resolved"], alertmanager.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(incidentId, alertmanager[0].GetProperty("alerts")[0].GetProperty("labels").GetProperty("incident_id").GetString());
    }
}
