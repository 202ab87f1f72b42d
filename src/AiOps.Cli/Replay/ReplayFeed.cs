using System.Text;
using System.Text.Json;
using AiOps.Cli.Load;

namespace AiOps.Cli.Replay;

/// <summary>
/// Streams a recording to the host: reads it line by line, sends logs and metrics to their endpoints in batches as
/// they fill (so memory holds two batches, not the file), and names each rejected line with its reason as it goes.
/// </summary>
public sealed class ReplayFeed(HttpClient http, string file, TextWriter? progress)
{
    private const int LinesPerRequest = 1000;

    private readonly List<(int Line, string Text)> _logs = new(LinesPerRequest);
    private readonly List<(int Line, string Text)> _metrics = new(LinesPerRequest);
    private readonly ProgressLine _progress = new(progress);
    private int _read;

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            _read++;
            var batch = IsMetric(line) ? _metrics : _logs;
            batch.Add((number, line));
            if (batch.Count == LinesPerRequest)
            {
                await SendAsync(batch, cancellationToken);
            }
        }

        await SendAsync(_logs, cancellationToken);
        await SendAsync(_metrics, cancellationToken);
        _progress.Now($"replay: {_read} lines sent, {Accepted} accepted, {Rejected} rejected ({_progress.Elapsed.TotalSeconds:0.0} s); waiting for the Fast Path to settle");
    }

    private static bool IsMetric(string line)
    {
        try
        {
            using var item = JsonDocument.Parse(line);
            return item.RootElement.ValueKind == JsonValueKind.Object && item.RootElement.TryGetProperty("metric", out _);
        }
        catch (JsonException)
        {
            // the ingest endpoint reports it as a rejected line, with the reason
            return false;
        }
    }

    private async Task SendAsync(List<(int Line, string Text)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var path = ReferenceEquals(batch, _metrics) ? "/api/v3/ingest/metrics" : "/api/v3/ingest/logs";
        var body = Encoding.UTF8.GetBytes(string.Join('\n', batch.Select(b => b.Text)));
        using var response = await ThrottledPost.SendAsync(http, path, body, "application/x-ndjson", () => { }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        Accepted += answer.RootElement.TryGetProperty("accepted", out var a) ? a.GetInt32() : 0;
        Rejected += answer.RootElement.TryGetProperty("rejected", out var r) ? r.GetInt32() : batch.Count;
        if (answer.RootElement.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                var index = error.GetProperty("index").GetInt32();
                progress?.WriteLine($"replay: {file}:{(index < batch.Count ? batch[index].Line : 0)}: rejected: {error.GetProperty("error")}");
            }
        }

        batch.Clear();
        _progress.Report(() => $"replay: {_read} lines read, {Accepted} accepted, {Rejected} rejected ({_progress.Elapsed.TotalSeconds:0.0} s)");
    }
}
