using System.Net;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>A notification storm turns e-mail into one digest per interval. Takes a minute: the shortest interval.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class StormDigestTests
{
    [Fact]
    public async Task In_a_storm_the_mails_become_one_digest()
    {
        await using var smtp = new SmtpSink();
        var policies = PolicyFolder.Copy();
        PolicyFolder.Edit(policies, "notify.yaml", "quiet_hours:\n  enabled: true", "quiet_hours:\n  enabled: false");
        PolicyFolder.Edit(policies, "notify.yaml", "webhook:\n    enabled: true", "webhook:\n    enabled: false");
        PolicyFolder.Edit(policies, "notify.yaml", "digest_interval_min: 15", "digest_interval_min: 1");
        PolicyFolder.Edit(policies, "notify.yaml", "threshold_per_min: 20\n  window_min: 5", "threshold_per_min: 1\n  window_min: 1");
        var settings = PolicyFolder.Settings(policies);
        settings["Notifications:SmtpHost"] = "127.0.0.1";
        settings["Notifications:SmtpPort"] = smtp.Port.ToString();
        await using var host = await TestHost.StartAsync(settings: settings);

        var ships = Enumerable.Range(0, 4).Select(i => Events.Ship($"storm{i}")).ToList();
        var logs = ships.Select(ship => Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", null, DateTimeOffset.UtcNow, "db-01"));
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostNdjsonAsync("/api/v3/ingest/logs", logs)).StatusCode);
        var ids = new List<string>();
        foreach (var ship in ships)
        {
            ids.Add((await host.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!);
        }

        var digest = await TestHost.EventuallyAsync(
            () => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.Raw.Contains("AiOps digest", StringComparison.Ordinal))),
            "the storm digest", 200000); // one interval (1 min) after the storm, or two if the first send failed

        // The storm begins with the second transition; every mail held back after it is in the one digest.
        var single = smtp.Messages.Where(m => !m.Raw.Contains("AiOps digest", StringComparison.Ordinal)).ToList();
        Assert.True(single.Count <= 1, $"{single.Count} mails went out one by one during the storm");
        Assert.Equal(ids.Count, single.Count + ids.Count(id => digest!.Raw.Contains(id, StringComparison.Ordinal)));
    }
}
