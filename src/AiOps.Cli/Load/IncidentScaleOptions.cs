namespace AiOps.Cli.Load;

/// <summary>What <c>aiops load --scenario incident-scale</c> does: how many incidents, in what steps, how long at most.</summary>
public sealed record IncidentScaleOptions(
    Uri Url,
    int Incidents,
    int Step,
    int BatchSize,
    int Concurrency,
    int Samples,
    TimeSpan StepTimeout,
    TimeSpan MaxDuration)
{
    public const string Scenario = "incident-scale";

    public static readonly string[] Names = ["url", "incidents", "step", "batch", "concurrency", "samples", "step-timeout-sec", "max-minutes"];

    public static IncidentScaleOptions From(CommandLine line) => new(
        new Uri(line.Text("url", "http://127.0.0.1:8080")),
        line.Number("incidents", 20_000, 1),
        line.Number("step", 2_000, 1),
        line.Number("batch", 500, 1),
        line.Number("concurrency", 4, 1),
        line.Number("samples", 30, 2),
        TimeSpan.FromSeconds(line.Number("step-timeout-sec", 300, 1)),
        TimeSpan.FromMinutes(line.Number("max-minutes", 10, 1)));
}
