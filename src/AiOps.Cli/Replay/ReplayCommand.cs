using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AiOps.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Cli.Replay;

/// <summary>
/// <c>aiops replay FILE.ndjson [--policy DIR]</c>: a policy backtest. Runs a recorded telemetry file (logs and
/// metrics, one JSON object per line) through the real Fast Path, in-process on a throwaway data directory,
/// and reports the incidents it produces. Correlation runs on event time, so the result is the live one.
/// </summary>
public static class ReplayCommand
{
    private const int LinesPerRequest = 1000;

    public static async Task<ReplayResult> RunAsync(string file, string? policyDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
        {
            throw new ArgumentException($"no such file: {file}");
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "aiops-replay-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["AiOps:DataDirectory"] = dataDirectory,
            ["Orleans:Endpoints:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:AiOps"] = "Warning",
        };
        if (policyDirectory is not null)
        {
            settings["AiOps:PolicyDirectory"] = Path.GetFullPath(policyDirectory);
        }

        var app = AiOpsApp.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
            var (logs, metrics) = Split(await File.ReadAllLinesAsync(file, cancellationToken));
            var (accepted, rejected) = await SendAsync(http, "/api/v3/ingest/logs", logs, cancellationToken);
            var (acceptedMetrics, rejectedMetrics) = await SendAsync(http, "/api/v3/ingest/metrics", metrics, cancellationToken);
            await SettleAsync(http, accepted + acceptedMetrics, timeout, cancellationToken);
            var incidents = await IncidentsAsync(http, cancellationToken);
            var policy = app.Services.GetRequiredService<AiOps.Core.Policy.PolicyRuntime>().Fleet;
            return new ReplayResult(file, policy.Directory, policy.Profile, accepted + acceptedMetrics, rejected + rejectedMetrics, incidents);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // a throwaway folder; the OS temp cleaner gets it otherwise
            }
        }
    }

    /// <summary>Logs and metrics go to their own endpoints, each in the file's order.</summary>
    private static (List<string> Logs, List<string> Metrics) Split(string[] lines)
    {
        var logs = new List<string>();
        var metrics = new List<string>();
        foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var isMetric = false;
            try
            {
                using var item = JsonDocument.Parse(line);
                isMetric = item.RootElement.ValueKind == JsonValueKind.Object && item.RootElement.TryGetProperty("metric", out _);
            }
            catch (JsonException)
            {
                // the ingest endpoint reports it as a rejected line, with the reason
            }

            (isMetric ? metrics : logs).Add(line);
        }

        return (logs, metrics);
    }

    private static async Task<(int Accepted, int Rejected)> SendAsync(HttpClient http, string path, List<string> lines, CancellationToken cancellationToken)
    {
        var accepted = 0;
        var rejected = 0;
        foreach (var chunk in lines.Chunk(LinesPerRequest))
        {
            using var content = new StringContent(string.Join('\n', chunk), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync(path, content, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            accepted += body.RootElement.TryGetProperty("accepted", out var a) ? a.GetInt32() : 0;
            rejected += body.RootElement.TryGetProperty("rejected", out var r) ? r.GetInt32() : chunk.Length;
        }

        return (accepted, rejected);
    }

    /// <summary>Waits until every event went through detection and every anomaly through correlation.</summary>
    private static async Task SettleAsync(HttpClient http, int accepted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var text = await http.GetStringAsync("/metrics", cancellationToken);
            var processed = PrometheusText.Sum(text, "aiops_events_processed_total");
            var detected = PrometheusText.Sum(text, "aiops_anomalies_detected_total");
            var correlated = PrometheusText.Sum(text, "aiops_anomalies_correlated_total");
            if (processed >= accepted && correlated >= detected)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"the replay did not settle within {timeout.TotalSeconds:0} s");
    }

    private static async Task<List<JsonElement>> IncidentsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var incidents = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            using var body = JsonDocument.Parse(await http.GetStringAsync($"/api/v3/incidents?per_page=200&page={page}", cancellationToken));
            incidents.AddRange(body.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()));
            if (page >= body.RootElement.GetProperty("pages").GetInt32())
            {
                return incidents;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
