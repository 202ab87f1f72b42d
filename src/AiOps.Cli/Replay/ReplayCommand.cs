using System.Net;
using System.Net.Sockets;
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
    public static async Task<ReplayResult> RunAsync(
        string file, string? policyDirectory, TimeSpan timeout, TextWriter? progress = null, CancellationToken cancellationToken = default)
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
            // The host's own log lines go to stderr beside the progress: stdout carries only the result (--json).
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        if (policyDirectory is not null)
        {
            settings["AiOps:PolicyDirectory"] = Path.GetFullPath(policyDirectory);
        }

        progress?.WriteLine($"replay: starting the host in-process (policy {policyDirectory ?? "shipped"})");
        var app = AiOpsApp.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
            var feed = new ReplayFeed(http, file, progress);
            await feed.RunAsync(cancellationToken);
            await SettleAsync(http, feed.Accepted, timeout, new ProgressLine(progress), cancellationToken);
            var incidents = await IncidentsAsync(http, cancellationToken);
            var policy = app.Services.GetRequiredService<AiOps.Core.Policy.PolicyRuntime>().Fleet;
            return new ReplayResult(file, policy.Directory, policy.Profile, feed.Accepted, feed.Rejected, incidents);
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

    /// <summary>Waits until every event went through detection and every anomaly through correlation.</summary>
    private static async Task SettleAsync(HttpClient http, int accepted, TimeSpan timeout, ProgressLine progress, CancellationToken cancellationToken)
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

            progress.Report(() => $"replay: {processed} of {accepted} events processed, {correlated} of {detected} anomalies correlated");
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
