namespace AiOps.Cli.Bench;

/// <summary>
/// Alerts sent to AiOps' <c>POST /api/v2/alerts</c>: accepted in how long, processed by when (null: not all in
/// time), and the host's CPU time meanwhile, from its own <c>/metrics</c> (null: not exported).
/// </summary>
public sealed record AlertsLeg(int Accepted, double Seconds, long Processed, double? ProcessedSeconds, double? HostCpuSeconds = null)
{
    /// <summary>
    /// The host's CPU milliseconds per 1,000 alerts accepted: steadier from run to run than a rate, which moves with
    /// whatever else the machine does.
    /// </summary>
    public double? HostCpuMsPerThousand => HostCpuSeconds is { } cpu && Accepted > 0 ? cpu * 1_000_000 / Accepted : null;

    public double AcceptedPerSecond => Accepted / Seconds;

    public double? ProcessedPerSecond => ProcessedSeconds is { } seconds ? Accepted / seconds : null;
}
