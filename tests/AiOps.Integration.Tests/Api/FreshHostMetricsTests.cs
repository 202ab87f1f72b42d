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
        Assert.Matches("(?m)^aiops_llm_calls_total\\{[^}]*result=\"success\"\\} 0$", text);
        Assert.Matches("(?m)^aiops_llm_cache_total\\{[^}]*result=\"hit\"\\} 0$", text);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/openmetrics-text; version=1.0.0")]
    public async Task A_fresh_host_exports_the_slo_latency_histograms_empty_until_their_first_observation(string accept)
    {
        await using var host = await TestHost.StartAsync();

        var fresh = await ScrapeAsync(host, accept);
        foreach (var histogram in new[] { "aiops_fast_path_latency_seconds", "aiops_insight_latency_seconds" })
        {
            Assert.Matches($"(?m)^# TYPE {histogram} histogram$", fresh);
            Assert.Matches($"(?m)^{histogram}_bucket\\{{[^}}]*le=\"0.1\"\\}} 0$", fresh);
            Assert.Matches($"(?m)^{histogram}_bucket\\{{[^}}]*le=\"\\+Inf\"\\}} 0$", fresh);
            Assert.Matches($"(?m)^{histogram}_count\\{{[^}}]*\\}} 0$", fresh);
        }

        if (accept.StartsWith("application/openmetrics-text", StringComparison.Ordinal))
        {
            Assert.EndsWith("# EOF\n", fresh);
        }

        // The first incident's latency replaces the empty series with the real one, not a second copy.
        var ship = Events.Ship("fresh");
        using (await host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "pos", "error", "Payment terminal offline")]))
        {
        }

        await host.IncidentsOfShipAsync(ship, 1);
        var observed = await TestHost.EventuallyAsync(async () =>
        {
            var text = await ScrapeAsync(host, accept);
            return System.Text.RegularExpressions.Regex.IsMatch(text, "(?m)^aiops_fast_path_latency_seconds_count\\{[^}]*\\} [1-9]") ? text : null;
        }, "the first Fast Path latency on /metrics");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(observed, "(?m)^# TYPE aiops_fast_path_latency_seconds histogram$"));
    }

    [Fact]
    public async Task A_scraper_that_accepts_gzip_gets_the_completed_exposition_gzipped()
    {
        await using var host = await TestHost.StartAsync();

        // As VictoriaMetrics and Prometheus scrape: the body must be valid gzip of valid text, histograms included.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var text = await new StreamReader(gzip).ReadToEndAsync();
        Assert.Matches("(?m)^aiops_events_rejected_total\\{[^}]*kind=\"metric\"\\} 0$", text);
        Assert.Matches("(?m)^aiops_fast_path_latency_seconds_count\\{[^}]*\\} 0$", text);
    }

    private static async Task<string> ScrapeAsync(TestHost host, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
