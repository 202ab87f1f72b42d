using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>A host that has taken no event yet already exports what the SLO rules divide by, and .NET's own HTTP and runtime metrics.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class FreshHostMetricsTests
{
    [Fact]
    public async Task A_fresh_host_exports_the_ingest_counters_at_zero_and_http_and_runtime_metrics()
    {
        await using var host = await TestHost.StartAsync();

        var text = await TestHost.EventuallyAsync(async () =>
        {
            var body = await host.Http.GetStringAsync("/metrics");
            return body.Contains("http_server_request_duration_seconds", StringComparison.Ordinal) ? body : null;
        }, "HTTP server metrics on /metrics");

        Assert.Matches("(?m)^aiops_events_ingested_total\\{[^}]*kind=\"log\"\\} 0$", text);
        Assert.Matches("(?m)^aiops_events_rejected_total\\{[^}]*kind=\"metric\"\\} 0$", text);
        Assert.Contains("aiops_incidents_opened_total", text);
        Assert.Contains("dotnet_gc_collections_total", text);
    }
}
