namespace AiOps.Cli.Bench;

/// <summary>
/// What <c>aiops bench alertmanager</c> sends: the same number of events to AiOps as alerts to Alertmanager,
/// 1,000 per request by default, with the same number of connections.
/// </summary>
public sealed record AlertmanagerOptions(
    Uri Url,
    int Events,
    int BatchSize,
    int Concurrency,
    string Binary,
    TimeSpan DrainTimeout)
{
    public static readonly string[] Names = ["url", "events", "batch", "concurrency", "alertmanager", "drain-timeout-sec"];

    public static AlertmanagerOptions From(CommandLine line) => new(
        new Uri(line.Text("url", "http://127.0.0.1:8080")),
        line.Number("events", 200_000, 1),
        line.Number("batch", 1000, 1),
        line.Number("concurrency", 4, 1),
        line.Text("alertmanager", "/usr/bin/prometheus-alertmanager"),
        TimeSpan.FromSeconds(line.Number("drain-timeout-sec", 120, 1)));
}
