using System.Diagnostics;
using AiOps.Integration.Tests.Support;
using Xunit.Abstractions;

namespace AiOps.Integration.Tests.Cluster;

/// <summary>The Orleans Dashboard at /dashboard, rendered in headless Chromium, shows the AiOps grains.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
[Trait(TestNeeds.Name, TestNeeds.Chromium)]
public sealed class DashboardTests(ITestOutputHelper output)
{
    [RequiresChromiumFact]
    public async Task The_dashboard_page_renders_and_lists_our_grains()
    {
        await using var host = await TestHost.StartAsync();
        var ship = Events.Ship("dashboard");
        using (await host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "pms-db", "error", "Database connection timeout")])) { }
        await host.IncidentsOfShipAsync(ship, 1);
        var counters = await TestHost.EventuallyAsync(async () =>
        {
            var json = await host.Http.GetStringAsync("/dashboard/DashboardCounters");
            return json.Contains("AiOps.Grains.Monitoring.ServiceMonitorGrain", StringComparison.Ordinal) ? json : null;
        }, "the dashboard's grain statistics");
        Assert.Contains("AiOps.Grains.Incidents.IncidentGrain", counters);

        var url = new Uri(host.BaseAddress, "/dashboard/#/grains").ToString();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await ChromiumAsync($"--screenshot={screenshot} --window-size=1400,1000 {url}");
        var dom = await ChromiumAsync($"--dump-dom {url}");

        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
        Assert.Contains("ServiceMonitorGrain", dom);
        output.WriteLine($"dashboard screenshot: {screenshot}");
    }

    private static async Task<string> ChromiumAsync(string arguments)
    {
        var profile = Directory.CreateTempSubdirectory("aiops-chromium-").FullName;
        var info = new ProcessStartInfo(RequiresChromiumFactAttribute.Binary,
            "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
            $"--disable-component-update --disable-sync --virtual-time-budget=8000 --user-data-dir={profile} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return await stdout;
    }
}
