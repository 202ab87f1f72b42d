using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AiOps.Cli.Bench;

/// <summary>
/// <c>aiops bench first-event</c>: starts a fresh host (empty data directory) for each run, sends one error log for a
/// new ship the moment <c>/health/ready</c> answers, and reads from its trace how long it took to reach its incident;
/// then the same for a second new ship, which shows what the first one paid for being first.
/// </summary>
public static class FirstEventBench
{
    /// <summary>Issue #14's goal for the first event after start, from ingest to incident.</summary>
    public const double TargetMs = 100;

    private static readonly TimeSpan IncidentTimeout = TimeSpan.FromSeconds(30);

    public static async Task<FirstEventReport> RunAsync(FirstEventOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        output.WriteLine($"host              {options.Host}; {options.Runs} fresh start(s), one error log for a new ship as soon as /health/ready answers");
        var runs = new List<FirstEventRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            await using var host = await HostUnderTest.StartAsync(options.Host, options.ReadyTimeout, cancellationToken);
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(10) };
            var first = await TimeEventAsync(http, $"bench-first-{run}", cancellationToken);
            var second = await TimeEventAsync(http, $"bench-second-{run}", cancellationToken);
            var result = new FirstEventRun(first, new FirstEventRun(second, null).FirstToIncidentMs);
            output.WriteLine($"run {run,-3}           first event: {string.Join(" ", first.Select(s => $"{s.Stage} +{s.Ms:0}ms"))}; "
                + $"second new ship: {(result.SecondToIncidentMs is { } ms ? $"{ms:0} ms" : "no incident")}");
            runs.Add(result);
        }

        var report = new FirstEventReport(runs);
        report.Print(output);
        return report;
    }

    /// <summary>Sends one error log for <paramref name="ship"/> and returns its trace's stages once its incident is there (or the timeout passed).</summary>
    private static async Task<IReadOnlyList<(string Stage, double Ms)>> TimeEventAsync(HttpClient http, string ship, CancellationToken cancellationToken)
    {
        var trackingId = $"{ship}-{Guid.NewGuid():N}";
        var line = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["tracking_id"] = trackingId,
            ["ts"] = DateTimeOffset.UtcNow.ToString("O"),
            ["ship_id"] = ship,
            ["domain"] = "app",
            ["service"] = "pms-db",
            ["level"] = "error",
            ["msg"] = "Database connection timeout after 30s",
        });
        using (var response = await http.PostAsync("/api/v3/ingest/logs", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"), cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"the host answered {(int)response.StatusCode} to the event: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var stages = new List<(string Stage, double Ms)>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < IncidentTimeout)
        {
            using var response = await http.GetAsync($"/api/v3/trace/{Uri.EscapeDataString(trackingId)}", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                stages = StagesOf(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement);
                if (stages.Any(s => s.Stage == "incident"))
                {
                    break;
                }
            }

            await Task.Delay(20, cancellationToken);
        }

        return stages;
    }

    /// <summary>Each stage's time after the trace's first stage, in the trace's order, without the Insight Path's.</summary>
    private static List<(string Stage, double Ms)> StagesOf(JsonElement trace)
    {
        var stages = trace.GetProperty("stages").EnumerateArray()
            .Select(s => (Stage: s.GetProperty("stage").GetString()!, Ts: s.GetProperty("ts").GetDateTimeOffset()))
            .Where(s => s.Stage != "insight")
            .ToList();
        return stages.Count == 0 ? [] : stages.Select(s => (s.Stage, (s.Ts - stages[0].Ts).TotalMilliseconds)).ToList();
    }
}
