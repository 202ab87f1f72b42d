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
    double? FastPathP99Ms)
{
    public double AcceptedPerSecond => Accepted / SendSeconds;

    public double? ProcessedPerSecond => ProcessedSeconds is { } s ? Processed / s : null;

    public void Print(TextWriter output)
    {
        static string Or(double? value, string format) => value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "not measured";
        output.WriteLine($"events sent       {Sent} in {SendSeconds:0.00} s");
        output.WriteLine($"accepted          {Accepted} ({AcceptedPerSecond:0} events/s), rejected {Rejected}");
        output.WriteLine($"processed         {Processed} ({Or(ProcessedPerSecond, "0")} events/s, ingest to detection of the last event)");
        output.WriteLine($"fast path         p50 {Or(FastPathP50Ms, "0.0")} ms, p99 {Or(FastPathP99Ms, "0.0")} ms (ingest to incident, from {TracesRead} anomalous events' traces)");
    }
}
