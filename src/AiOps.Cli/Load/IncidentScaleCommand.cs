using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiOps.Cli.Load;

/// <summary>
/// <c>aiops load --scenario incident-scale</c>: opens incidents on a running host through HTTP ingest, one anomalous
/// log per new ship (so each is a new incident), in steps, and after each step measures what an operator's screen
/// does: the incident list (first page, filtered, a late page) and the stats. Each step waits until the list shows
/// all of its incidents, so its time is what opening them cost end to end.
/// </summary>
public static class IncidentScaleCommand
{
    private static readonly (string Domain, string Service, string Level, string Msg)[] Kinds =
    [
        ("app", "pms-db", "error", "Database connection timeout after 30s"),
        ("security", "sshd", "warn", "Authentication failed for user admin"),
        ("comms", "vsat-modem", "error", "Carrier lost on beam 1"),
    ];

    public static async Task<IReadOnlyList<IncidentScaleStep>> RunAsync(IncidentScaleOptions options, TextWriter output,
        TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        var line = new ProgressLine(progress);
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
        if (Environment.GetEnvironmentVariable("AIOPS_API_KEY") is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var runId = "scale-" + Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..8];
        var baseline = await TotalAsync(http, "", cancellationToken);
        output.WriteLine($"incident-scale {runId}: up to {options.Incidents} incidents in steps of {options.Step} against {options.Url} "
            + $"({baseline} incidents listed before; at most {options.MaxDuration.TotalMinutes:0} min)");
        output.WriteLine("incidents  opened  step_s  ms/incident  list_p50  list_p99  filtered_p50  filtered_p99  late_page_p50  late_page_p99  stats_p99");

        var run = Stopwatch.StartNew();
        var steps = new List<IncidentScaleStep>();
        for (var opened = 0; opened < options.Incidents && run.Elapsed < options.MaxDuration;)
        {
            var count = Math.Min(options.Step, options.Incidents - opened);
            var clock = Stopwatch.StartNew();
            line.Now($"incident-scale: opening incidents {opened + 1}..{opened + count} ({run.Elapsed.TotalSeconds:0} s)");
            await SendAsync(http, runId, opened, count, options, cancellationToken);
            opened += count;
            line.Now($"incident-scale: waiting until the list shows {opened} incidents, then timing the queries");
            await WaitForIncidentsAsync(http, runId, opened, options.StepTimeout, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;

            var total = await TotalAsync(http, "", cancellationToken);
            var list = await TimeAsync(http, "/api/v3/incidents?per_page=50", options.Samples, cancellationToken);
            var someShip = Ship(runId, opened / 2);
            var filtered = await TimeAsync(http, new[]
            {
                "/api/v3/incidents?severity=high,critical&status=open",
                $"/api/v3/incidents?ship_id={someShip}",
                "/api/v3/incidents?type=link_degradation&search=beam",
            }, options.Samples, cancellationToken);
            var lastPage = Math.Max(1, (total + 199) / 200);
            var late = await TimeAsync(http, $"/api/v3/incidents?per_page=200&page={lastPage}", options.Samples, cancellationToken);
            var stats = await TimeAsync(http, "/api/v3/stats?time_range=24h", options.Samples, cancellationToken);
            var step = new IncidentScaleStep(total, count, seconds, Percentile(list, 0.5), Percentile(list, 0.99),
                Percentile(filtered, 0.5), Percentile(filtered, 0.99), Percentile(late, 0.5), Percentile(late, 0.99), Percentile(stats, 0.99));
            steps.Add(step);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step.Incidents,9}  {step.Opened,6}  {step.Seconds,6:0.0}  {step.MsPerIncident,11:0.00}  {step.ListP50Ms,8:0.0}  {step.ListP99Ms,8:0.0}  "
                + $"{step.FilteredP50Ms,12:0.0}  {step.FilteredP99Ms,12:0.0}  {step.LatePageP50Ms,13:0.0}  {step.LatePageP99Ms,13:0.0}  {step.StatsP99Ms,9:0.0}"));
        }

        if (steps.Sum(s => s.Opened) < options.Incidents)
        {
            output.WriteLine($"stopped after {run.Elapsed.TotalMinutes:0.0} min (--max-minutes {options.MaxDuration.TotalMinutes:0}) at {steps.Sum(s => s.Opened)} incidents");
        }

        return steps;
    }

    private static string Ship(string runId, int n) => string.Create(CultureInfo.InvariantCulture, $"{runId}-{n}");

    private static async Task SendAsync(HttpClient http, string runId, int first, int count, IncidentScaleOptions options, CancellationToken cancellationToken)
    {
        var bodies = new List<byte[]>();
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var (domain, service, level, msg) = Kinds[n % Kinds.Length];
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"tracking_id":"{{runId}}-e{{n}}","ship_id":"{{Ship(runId, n)}}","domain":"{{domain}}","service":"{{service}}","level":"{{level}}","msg":"{{msg}}","device_id":"dev-{{n % 7}}"}""");
            text.Append('\n');
            if ((i + 1) % options.BatchSize == 0 || i == count - 1)
            {
                bodies.Add(Encoding.UTF8.GetBytes(text.ToString()));
                text.Clear();
            }
        }

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < bodies.Count; b = Interlocked.Increment(ref next))
            {
                while (true)
                {
                    using var content = new ByteArrayContent(bodies[b]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                    using var response = await http.PostAsync("/api/v3/ingest/logs", content, cancellationToken);
                    if (response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests)
                    {
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        await Task.Delay(wait > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : wait, cancellationToken);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    break;
                }
            }
        }));
    }

    /// <summary>Polls the list (search on the run's id, which every incident's ship carries) until it shows them all.</summary>
    private static async Task WaitForIncidentsAsync(HttpClient http, string runId, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var seen = 0;
        while (deadline.Elapsed < timeout)
        {
            seen = await TotalAsync(http, $"&search={runId}-", cancellationToken);
            if (seen >= expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"only {seen} of {expected} incidents were listed after {timeout.TotalSeconds:0} s (--step-timeout-sec)");
    }

    private static async Task<int> TotalAsync(HttpClient http, string filter, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/api/v3/incidents?per_page=1" + filter, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("total").GetInt32();
    }

    private static Task<List<double>> TimeAsync(HttpClient http, string path, int samples, CancellationToken cancellationToken) =>
        TimeAsync(http, [path], samples, cancellationToken);

    /// <summary>Sequential GETs (the paths in turn), each timed to the end of its body; a failed answer stops the run.</summary>
    private static async Task<List<double>> TimeAsync(HttpClient http, IReadOnlyList<string> paths, int samples, CancellationToken cancellationToken)
    {
        var times = new List<double>(samples * paths.Count);
        for (var i = 0; i < samples; i++)
        {
            foreach (var path in paths)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(path, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}", null, response.StatusCode);
                }
            }
        }

        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }
}
