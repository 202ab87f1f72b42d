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
}
