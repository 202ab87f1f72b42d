using System.Net;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.GrafanaPlugin;

/// <summary>
/// The plugin's pages in headless Chromium against this real host, through the harness that stands in for
/// Grafana's runtime and plugin proxy: an operator acknowledges an incident from the console.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Plugin)]
[Trait(TestNeeds.Name, TestNeeds.Chromium)]
[Trait(TestNeeds.Name, TestNeeds.Npm)]
public sealed class GrafanaPluginEndToEndTests
{
    private static readonly string Plugin = RepoPaths.Of("grafana-plugin");

    [RequiresChromiumFact]
    public async Task An_operator_acknowledges_an_incident_from_the_console()
    {
        if (!File.Exists("/usr/bin/npm"))
        {
            Assert.Fail("npm is needed to build the plugin harness (.ci/run installs it)");
        }

        await using var host = await TestHost.StartAsync();
        var ship = Events.Ship("console");
        var log = Events.Log(ship, "comms", "vsat-modem", "error", "VSAT link down: carrier lost", null, DateTimeOffset.UtcNow, "vsat-01");
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostNdjsonAsync("/api/v3/ingest/logs", [log])).StatusCode);
        var incident = (await host.IncidentsOfShipAsync(ship, 1))[0];
        var id = incident.GetProperty("incident_id").GetString()!;

        if (!Directory.Exists(Path.Combine(Plugin, "node_modules")))
        {
            await RunAsync("npm", "ci --no-audit --no-fund");
        }

        await RunAsync("npm", "run harness:build");
        await RunAsync("node", $"harness/e2e.mjs {host.BaseAddress.ToString().TrimEnd('/')} {incident.GetProperty("incident_type").GetString()}");

        var changed = await host.GetJsonAsync($"/api/v3/incidents/{id}");
        Assert.Equal("ack", changed.GetProperty("status").GetString());
        Assert.Contains(changed.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("description").GetString()?.Contains("seen from the console") == true);
    }

    private static async Task RunAsync(string tool, string arguments)
    {
        var (exit, output) = await ToolProcess.RunAsync(tool, arguments, Plugin);
        Assert.True(exit == 0, $"{tool} {arguments} exited {exit}:\n{output}");
    }
}
