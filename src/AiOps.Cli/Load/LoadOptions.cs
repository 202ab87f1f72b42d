namespace AiOps.Cli.Load;

/// <summary>What <c>aiops load</c> sends: how many events, how fast, in what batches, how many anomalous.</summary>
public sealed record LoadOptions(
    Uri Url,
    int Events,
    int Rate,
    int BatchSize,
    int Concurrency,
    int AnomalyEvery,
    int Ships,
    int Services,
    TimeSpan DrainTimeout)
{
    public static readonly string[] Names = ["url", "events", "rate", "batch", "concurrency", "anomaly-every", "ships", "services", "drain-timeout-sec"];

    public static LoadOptions From(CommandLine line) => new(
        new Uri(line.Text("url", "http://127.0.0.1:8080")),
        line.Number("events", 100_000, 1),
        line.Number("rate", 0),
        line.Number("batch", 1000, 1),
        line.Number("concurrency", 4, 1),
        line.Number("anomaly-every", 1000, 1),
        line.Number("ships", 2, 1),
        line.Number("services", 20, 1),
        TimeSpan.FromSeconds(line.Number("drain-timeout-sec", 120, 1)));
}
