using System.Net;
using AiOps.Infrastructure.Retention;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Policy;

/// <summary>Retention removes what is older than retention.yaml allows, and nothing else.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class RetentionTests
{
    [Fact]
    public async Task Old_closed_incidents_traces_and_stats_go_while_open_and_recent_ones_stay()
    {
        await using var host = await TestHost.StartAsync();
        var ship = Events.Ship("retention");
        var anomalyId = $"ret-{Guid.NewGuid():N}";
        using (await host.PostNdjsonAsync("/api/v3/ingest/logs",
        [
            Events.Log(ship, "app", "pms-db", "error", "Database connection timeout", anomalyId),
            Events.Log(ship, "security", "sshd", "warn", "Authentication failed for user admin"),
            Events.Log(ship, "comms", "vsat-modem", "error", "Carrier lost on beam 1"),
        ])) { }
        var incidents = await host.IncidentsOfShipAsync(ship, 3);
        string IdOf(string type) => incidents.Single(i => i.GetProperty("incident_type").GetString() == type).GetProperty("incident_id").GetString()!;
        await PatchAsync(host, IdOf("resource_pressure"), "resolved");
        await PatchAsync(host, IdOf("auth_failure"), "suppressed");
        await host.TraceAtStageAsync(anomalyId, "incident");
        await host.GetJsonAsync("/api/v3/stats?time_range=1h");
        var retention = host.Services.GetRequiredService<RetentionService>();
        var now = DateTimeOffset.UtcNow;

        var early = await retention.RunOnceAsync(now.AddHours(12));

        Assert.Equal(0, early.IncidentsRemoved);
        Assert.Equal(3, (await host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/api/v3/trace/{anomalyId}")).StatusCode);

        var late = await retention.RunOnceAsync(now.AddDays(31));

        Assert.Equal(2, late.IncidentsRemoved);
        var left = await host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}");
        Assert.Equal("link_degradation", Assert.Single(left.GetProperty("data").EnumerateArray()).GetProperty("incident_type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/v3/incidents/{IdOf("resource_pressure")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/v3/trace/{anomalyId}")).StatusCode);
        Assert.Equal(0, (await host.GetJsonAsync("/api/v3/stats?time_range=1h")).GetProperty("counts").GetProperty("logs").GetInt64());
    }

    [Fact]
    public async Task Evidence_is_stored_with_personal_data_redacted()
    {
        await using var host = await TestHost.StartAsync();
        var ship = Events.Ship("privacy");

        using (await host.PostNdjsonAsync("/api/v3/ingest/logs",
            [Events.Log(ship, "security", "guest-portal", "warn", "Authentication failed for jane.doe@example.com from 10.200.7.9 password=hunter2")])) { }

        var summary = Assert.Single(await host.IncidentsOfShipAsync(ship, 1)).GetProperty("evidence")[0].GetProperty("summary").GetString()!;
        Assert.Contains("[email]", summary);
        Assert.Contains("[guest-ip]", summary);
        Assert.Contains("[secret]", summary);
        Assert.DoesNotContain("jane.doe", summary);
        Assert.DoesNotContain("hunter2", summary);
    }

    private static async Task PatchAsync(TestHost host, string id, string status)
    {
        using var response = await host.Http.PatchAsync($"/api/v3/incidents/{id}",
            new StringContent($$"""{"status":"{{status}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
