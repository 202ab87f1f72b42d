using System.Globalization;
using AiOps.Cli.Load;

namespace AiOps.Cli.Bench;

/// <summary>
/// The side-by-side figures: AiOps' load report, the same alerts on AiOps' <c>POST /api/v2/alerts</c>, and what
/// Alertmanager accepted in how long.
/// </summary>
public sealed record AlertmanagerReport(LoadReport AiOps, AlertsLeg AiOpsAlerts, int AlertmanagerSent, int AlertmanagerAccepted, double AlertmanagerSeconds)
{
    public double AlertmanagerPerSecond => AlertmanagerAccepted / AlertmanagerSeconds;

    /// <summary>AiOps' alerts processed/s over Alertmanager's accepted/s, alert for alert; null when not all were processed in time.</summary>
    public double? AlertsProcessedRatio => AiOpsAlerts.ProcessedPerSecond / AlertmanagerPerSecond;

    /// <summary>AiOps' accepted/s over Alertmanager's (above 1: AiOps takes more per second).</summary>
    public double AcceptedRatio => AiOps.AcceptedPerSecond / AlertmanagerPerSecond;

    public void Print(TextWriter output)
    {
        var processed = AiOps.ProcessedPerSecond is { } p ? p.ToString("0", CultureInfo.InvariantCulture) + " events/s" : "not measured (not all processed in time)";
        output.WriteLine("side by side");
        output.WriteLine($"  aiops         accepted {AiOps.Accepted}/{AiOps.Sent} ({AiOps.AcceptedPerSecond:0} events/s, each a 202 after fsync); processed {processed}");
        output.WriteLine($"  alertmanager  accepted {AlertmanagerAccepted}/{AlertmanagerSent} ({AlertmanagerPerSecond:0} alerts/s, POST /api/v2/alerts, in memory)");
        var alertsProcessed = AiOpsAlerts.ProcessedPerSecond is { } a ? a.ToString("0", CultureInfo.InvariantCulture) + " alerts/s" : "not measured (not all processed in time)";
        output.WriteLine($"  aiops alerts  accepted {AiOpsAlerts.Accepted}/{AlertmanagerSent} ({AiOpsAlerts.AcceptedPerSecond:0} alerts/s, POST /api/v2/alerts, after fsync); processed {alertsProcessed}");
        var cpu = AiOpsAlerts.HostCpuMsPerThousand is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : "null";
        output.WriteLine($"  aiops alerts  host CPU {cpu} per 1,000 alerts (the host's own dotnet_process_cpu_time_seconds_total over the leg)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio         aiops/alertmanager accepted/s {AcceptedRatio:0.00}x (events); alerts processed/s over alerts accepted/s {(AlertsProcessedRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "null")}"));
    }
}
