namespace AiOps.Cli.Load;

/// <summary>What a load run measured. A figure that could not be measured is null.</summary>
public sealed record LoadReport(
    int Sent,
    int Accepted,
    int Rejected,
    double SendSeconds,
    double? ProcessedSeconds,
    long Processed,
    int TracesRead,
    double? FastPathP50Ms,
    double? FastPathP99Ms,
    int Throttled,
    double? MaxLagSeconds,
    double? MaxPending,
    IReadOnlyList<StageLatency> Stages)
{
    /// <summary>Accepted events that were not processed by the end of the drain timeout (a 202 broken, or a host too slow).</summary>
    public long Lost => Math.Max(0, Accepted - Processed);

    public double AcceptedPerSecond => Accepted / SendSeconds;

    public double? ProcessedPerSecond => ProcessedSeconds is { } s ? Processed / s : null;

    public void Print(TextWriter output)
    {
        static string Or(double? value, string format) => value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "not measured";
        output.WriteLine($"events sent       {Sent} in {SendSeconds:0.00} s");
        output.WriteLine($"accepted          {Accepted} ({AcceptedPerSecond:0} events/s), rejected {Rejected}");
        output.WriteLine($"processed         {Processed} ({Or(ProcessedPerSecond, "0")} events/s, ingest to detection of the last event)");
        output.WriteLine($"lost              {Lost} (accepted but not processed within the drain timeout)");
        output.WriteLine($"back-pressure     {Throttled} answers 503/429 (each batch sent again after Retry-After); max lag {Or(MaxLagSeconds * 1000, "0")} ms, max backlog {Or(MaxPending, "0")} events");
        output.WriteLine($"fast path         p50 {Or(FastPathP50Ms, "0.0")} ms, p99 {Or(FastPathP99Ms, "0.0")} ms (ingest to incident, from {TracesRead} anomalous events' traces)");
        if (Stages.Count > 0)
        {
            output.WriteLine("  by stage        " + string.Join(", ", Stages.Select(s => $"{s.Stage} p50 {Or(s.P50Ms, "0.0")} / p99 {Or(s.P99Ms, "0.0")} ms")));
        }
    }
}

/// <summary>One trace stage's own latency (since the stage before it) across the anomalous events read.</summary>
public sealed record StageLatency(string Stage, double? P50Ms, double? P99Ms);
