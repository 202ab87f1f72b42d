using System.Text.Json;
using AiOps.Cli;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Features.Warmup;

namespace AiOps.Integration.Tests.Api;

/// <summary>The start-up warm-up: ready only after it ran, and nothing of it is visible or counted.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class WarmupTests
{
    [Fact]
    public async Task The_host_is_ready_after_the_fast_path_warm_up_which_leaves_no_incident_trace_stat_metric_or_file()
    {
        await using var host = await TestHost.StartAsync();

        var ready = await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            using var response = await host.Http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode ? await TestHost.GetJsonFromAsync(response) : null;
        }, "the host to be ready", 60000);

        var warmup = ready!.Value.GetProperty("checks").GetProperty("warmup");
        Assert.True(warmup.GetProperty("status").GetString() == "healthy", warmup.ToString());
        var incidents = await host.GetJsonAsync("/api/v3/incidents?per_page=200");
        Assert.Empty(incidents.GetProperty("data").EnumerateArray());
        foreach (var id in Enumerable.Range(0, 4).SelectMany(i => new[] { $"warmup-log-{i}", $"warmup-metric-{i}" }))
        {
            using var trace = await host.Http.GetAsync($"/api/v3/trace/{id}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, trace.StatusCode);
        }

        var metrics = await host.Http.GetStringAsync("/metrics");
        foreach (var counter in new[] { "aiops_events_ingested_total", "aiops_events_processed_total", "aiops_anomalies_detected_total", "aiops_incidents_opened_total" })
        {
            Assert.Equal(0, PrometheusText.Sum(metrics, counter));
        }

        var counts = (await host.GetJsonAsync("/api/v3/stats?time_range=1h")).GetProperty("counts");
        Assert.All(counts.EnumerateObject(), c => Assert.Equal(0, c.Value.GetDouble()));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(host.DataDirectory, "*", SearchOption.AllDirectories),
            path => path.Contains(FastPathWarmup.ShipId, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"aiops-warmup-{Environment.ProcessId}-*"));
    }
}
