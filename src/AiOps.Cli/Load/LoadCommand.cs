using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace AiOps.Cli.Load;

/// <summary>
/// <c>aiops load</c>: the project's own benchmark. Sends N events at a given rate to the ingest endpoint,
/// then reports accepted/s, processed/s (from the host's <c>/metrics</c> counter) and the Fast Path latency
/// percentiles read from the real traces of the anomalous events it sent.
/// </summary>
public static class LoadCommand
{
    private const string ProcessedCounter = "aiops_events_processed_total";

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter output, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        var line = new ProgressLine(progress);
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
        // A host with API keys needs one with the admin role: load both ingests and reads /metrics and traces.
        if (Environment.GetEnvironmentVariable("AIOPS_API_KEY") is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..8];
        var (bodies, anomalyIds) = LoadBodies.Build(options, runId);
        var processedBefore = await ReadProcessedAsync(http, cancellationToken);
        output.WriteLine($"sending {options.Events} events in {bodies.Count} batches to {options.Url} (rate {(options.Rate == 0 ? "unlimited" : options.Rate + "/s")}, {options.Concurrency} connections)");

        var clock = Stopwatch.StartNew();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var backlog = new BacklogSampler();
        var sampler = backlog.RunAsync(http, sampling.Token);
        var (accepted, rejected, throttled) = await SendAsync(http, bodies, options, clock, line, cancellationToken);
        var sendSeconds = clock.Elapsed.TotalSeconds;

        var (processed, processedSeconds) = await WaitForProcessingAsync(http, processedBefore, accepted, options.DrainTimeout, clock, cancellationToken, line);
        await sampling.CancelAsync();
        await sampler;
        var (latencies, stageLatencies) = await ReadLatenciesAsync(http, anomalyIds, cancellationToken);
        var stages = stageLatencies.Select(s => new StageLatency(s.Key, Percentile(s.Value, 0.50), Percentile(s.Value, 0.99))).ToList();
        var report = new LoadReport(options.Events, accepted, rejected, sendSeconds, processedSeconds, processed, latencies.Count,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), throttled, backlog.MaxLagSeconds, backlog.MaxPending, stages);
        report.Print(output);
        return report;
    }

    private static async Task<(int Accepted, int Rejected, int Throttled)> SendAsync(
        HttpClient http, List<byte[]> bodies, LoadOptions options, Stopwatch clock, ProgressLine line, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<(int Index, byte[] Body)>(options.Concurrency * 2);
        var accepted = 0;
        var rejected = 0;
        var throttled = 0;
        var senders = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            await foreach (var (_, body) in queue.Reader.ReadAllAsync(cancellationToken))
            {
                using var response = await ThrottledPost.SendAsync(http, "/api/v3/ingest/logs", body, "application/x-ndjson",
                    () => Interlocked.Increment(ref throttled), cancellationToken);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                Interlocked.Add(ref accepted, json.RootElement.TryGetProperty("accepted", out var a) ? a.GetInt32() : 0);
                Interlocked.Add(ref rejected, json.RootElement.TryGetProperty("rejected", out var r) ? r.GetInt32() : 0);
            }
        }).ToList();

        var sent = 0L;
        for (var i = 0; i < bodies.Count; i++)
        {
            if (options.Rate > 0)
            {
                // Pace by schedule, so a slow moment is caught up rather than lost.
                var due = TimeSpan.FromSeconds(sent / (double)options.Rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
            }

            await queue.Writer.WriteAsync((i, bodies[i]), cancellationToken);
            sent += Math.Min(options.BatchSize, options.Events - (i * options.BatchSize));
            line.Report(() => $"load: {Volatile.Read(ref accepted)} of {options.Events} events accepted, {Volatile.Read(ref throttled)} throttled ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        queue.Writer.Complete();
        await Task.WhenAll(senders);
        line.Now($"load: {accepted} of {options.Events} events accepted in {clock.Elapsed.TotalSeconds:0.0} s; waiting for the host to process them");
        return (accepted, rejected, throttled);
    }

    internal static async Task<(long Processed, double? Seconds)> WaitForProcessingAsync(
        HttpClient http, long before, int expected, TimeSpan timeout, Stopwatch clock, CancellationToken cancellationToken, ProgressLine? line = null)
    {
        var deadline = clock.Elapsed + timeout;
        long processed = 0;
        while (clock.Elapsed < deadline)
        {
            processed = await ReadProcessedAsync(http, cancellationToken) - before;
            if (processed >= expected)
            {
                return (processed, clock.Elapsed.TotalSeconds);
            }

            line?.Report(() => $"load: {processed} of {expected} events processed ({clock.Elapsed.TotalSeconds:0.0} s)");

            await Task.Delay(50, cancellationToken);
        }

        return (processed, null);
    }

    internal static Task<long> ReadProcessedAsync(HttpClient http, CancellationToken cancellationToken) =>
        PrometheusText.ReadAsync(http, ProcessedCounter, cancellationToken);

    /// <summary>Ingest-to-incident latencies, and each stage's own share (time since the stage before it), in stage order.</summary>
    private static async Task<(List<double> Total, Dictionary<string, List<double>> Stages)> ReadLatenciesAsync(
        HttpClient http, List<string> anomalyIds, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var byStage = new Dictionary<string, List<double>>();
        foreach (var id in anomalyIds.Take(500))
        {
            using var response = await http.GetAsync($"/api/v3/trace/{id}", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var stages = json.RootElement.GetProperty("stages").EnumerateArray()
                .Select(s => (Stage: s.GetProperty("stage").GetString()!, Ms: s.GetProperty("latency_ms").GetDouble())).ToList();
            if (stages.Any(s => s.Stage == "incident"))
            {
                latencies.Add(json.RootElement.GetProperty("total_latency_ms").GetDouble());
                // The insight comes after the incident, off the Fast Path: not one of its stages.
                foreach (var (stage, ms) in stages.Where(s => s.Stage is not ("ingested" or "insight")))
                {
                    (byStage.TryGetValue(stage, out var list) ? list : byStage[stage] = []).Add(ms);
                }
            }
        }

        return (latencies, byStage);
    }

    private static double? Percentile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}
