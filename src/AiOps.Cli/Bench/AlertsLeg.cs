namespace AiOps.Cli.Bench;

/// <summary>Alerts sent to AiOps' <c>POST /api/v2/alerts</c>: accepted in how long, and processed by when (null: not all in time).</summary>
public sealed record AlertsLeg(int Accepted, double Seconds, long Processed, double? ProcessedSeconds)
{
    public double AcceptedPerSecond => Accepted / Seconds;

    public double? ProcessedPerSecond => ProcessedSeconds is { } seconds ? Accepted / seconds : null;
}
