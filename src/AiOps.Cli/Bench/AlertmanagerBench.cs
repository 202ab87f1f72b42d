using System.Diagnostics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using AiOps.Cli.Load;

namespace AiOps.Cli.Bench;

/// <summary>
/// <c>aiops bench alertmanager</c>: the same number of events to a running AiOps host (as <c>aiops load</c>,
/// unlimited rate) and of alerts to a throw-away Alertmanager started for the run, in the same batch size and
/// with the same connections, one after the other so they do not share the CPU; then the same alerts to AiOps'
/// own Alertmanager-compatible route. Prints the rates and the ratios.
/// </summary>
public static class AlertmanagerBench
{
    public static async Task<AlertmanagerReport> RunAsync(AlertmanagerOptions options, TextWriter output, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        await using var alertmanager = await AlertmanagerProcess.StartAsync(options.Binary, cancellationToken);
        output.WriteLine($"alertmanager      {options.Binary} at {alertmanager.Address}");

        output.WriteLine("-- aiops --");
        var aiops = await LoadCommand.RunAsync(
            new LoadOptions(options.Url, options.Events, Rate: 0, options.BatchSize, options.Concurrency, AnomalyEvery: 1000, Ships: 2, Services: 20, options.DrainTimeout),
            output, progress, cancellationToken);

        output.WriteLine("-- aiops, the same alerts --");
        var aiopsAlerts = await PostToAiOpsAsync(options, output, cancellationToken);

        output.WriteLine("-- alertmanager --");
        var bodies = AlertBodies.Build(options.Events, options.BatchSize);
        output.WriteLine($"sending {options.Events} alerts in {bodies.Count} requests to {alertmanager.Address}api/v2/alerts ({options.Concurrency} connections)");
        using (var http = new HttpClient { BaseAddress = alertmanager.Address, Timeout = TimeSpan.FromMinutes(2) })
        {
            var (accepted, seconds) = await PostAsync(http, bodies, options.BatchSize, options.Events, options.Concurrency, cancellationToken);
            output.WriteLine($"accepted          {accepted} in {seconds:0.00} s");
            var report = new AlertmanagerReport(aiops, aiopsAlerts, options.Events, accepted, seconds);
            report.Print(output);
            return report;
        }
    }

    /// <summary>The alerts Alertmanager gets, to AiOps' own <c>POST /api/v2/alerts</c>: accepted, and processed by the Fast Path.</summary>
    private static async Task<AlertsLeg> PostToAiOpsAsync(AlertmanagerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
        if (Environment.GetEnvironmentVariable("AIOPS_API_KEY") is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var bodies = AlertBodies.Build(options.Events, options.BatchSize);
        output.WriteLine($"sending {options.Events} alerts in {bodies.Count} requests to {options.Url}api/v2/alerts ({options.Concurrency} connections)");
        var before = await LoadCommand.ReadProcessedAsync(http, cancellationToken);
        var cpuBefore = await HostCpuSecondsAsync(http, cancellationToken);
        var clock = Stopwatch.StartNew();
        var (accepted, seconds) = await PostAsync(http, bodies, options.BatchSize, options.Events, options.Concurrency, cancellationToken);
        var (processed, processedSeconds) = await LoadCommand.WaitForProcessingAsync(http, before, accepted, options.DrainTimeout, clock, cancellationToken);
        var cpu = await HostCpuSecondsAsync(http, cancellationToken) - cpuBefore;
        output.WriteLine($"accepted          {accepted} in {seconds:0.00} s; processed {processed}" + (processedSeconds is { } p ? $" in {p:0.00} s" : " (not all within the drain timeout)"));
        return new AlertsLeg(accepted, seconds, processed, processedSeconds, cpu);
    }

    /// <summary>The host process's CPU seconds so far (user and system), from its runtime metrics; null when not exported.</summary>
    private static async Task<double?> HostCpuSecondsAsync(HttpClient http, CancellationToken cancellationToken) =>
        PrometheusText.Total(await http.GetStringAsync("/metrics", cancellationToken), "dotnet_process_cpu_time_seconds_total");

    private static async Task<(int Accepted, double Seconds)> PostAsync(
        HttpClient http, List<byte[]> bodies, int batchSize, int events, int concurrency, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<int>(concurrency * 2);
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await foreach (var index in queue.Reader.ReadAllAsync(cancellationToken))
            {
                using var response = await ThrottledPost.SendAsync(http, "/api/v2/alerts", bodies[index], "application/json", () => { }, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref accepted, Math.Min(batchSize, events - (index * batchSize)));
                }
            }
        }).ToList();

        for (var i = 0; i < bodies.Count; i++)
        {
            await queue.Writer.WriteAsync(i, cancellationToken);
        }

        queue.Writer.Complete();
        await Task.WhenAll(senders);
        return (accepted, clock.Elapsed.TotalSeconds);
    }
}
