using System.Net.Http.Json;
using System.Text.Json;
using AiOps.Core.Alerts;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Alerts;

/// <summary>Our fingerprint of an alert is the one the real Alertmanager gives it, so both name an alert alike.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
[Trait(TestNeeds.Name, TestNeeds.Prometheus)]
public sealed class AlertFingerprintTests
{
    [RequiresToolFact("/usr/bin/prometheus-alertmanager", "prometheus-alertmanager")]
    public async Task The_fingerprint_matches_the_real_Alertmanager()
    {
        var folder = Directory.CreateTempSubdirectory("aiops-am-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "am.yml"), "route:\n  receiver: none\nreceivers:\n  - name: none\n");
        await using var alertmanager = await ToolServer.StartAsync("/usr/bin/prometheus-alertmanager", port =>
            $"--config.file=am.yml --storage.path=data --web.listen-address=127.0.0.1:{port} --cluster.listen-address=", folder);
        var labels = new Dictionary<string, string> { ["alertname"] = "DiskAlmostFull", ["instance"] = "db-1:9100", ["severity"] = "critical", ["ship_id"] = "aurora" };
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{alertmanager.Port}") };

        (await client.PostAsJsonAsync("/api/v2/alerts", new[] { new { labels, endsAt = DateTimeOffset.UtcNow.AddMinutes(5) } })).EnsureSuccessStatusCode();
        var theirs = await TestHost.EventuallyAsync(async () =>
        {
            var alerts = await client.GetFromJsonAsync<JsonElement>("/api/v2/alerts");
            return alerts.GetArrayLength() > 0 ? alerts[0].GetProperty("fingerprint").GetString() : null;
        }, "the alert in Alertmanager");

        Assert.Equal(theirs, AlertFingerprint.Of(labels));
    }
}
