namespace AiOps.Core.Policy;

/// <summary><c>slo.yaml</c>: targets the SLO alerts and the stats use.</summary>
public sealed class SloPolicy
{
    public string SchemaVersion { get; set; } = "";
    public FastPathSlo FastPath { get; set; } = new();
    public Dictionary<string, double> InsightPath { get; set; } = [];
    public Dictionary<string, double> Queue { get; set; } = [];
    public Dictionary<string, double> Availability { get; set; } = [];
    public Dictionary<string, int> Alerting { get; set; } = [];
    public MeasurementSettings Measurement { get; set; } = new();

    internal IEnumerable<PolicyIssue> Validate() =>
        Checks.Positive("fast_path.incident_latency_p95_ms", FastPath.IncidentLatencyP95Ms)
            .Concat(Checks.Positive("fast_path.incident_latency_p99_ms", FastPath.IncidentLatencyP99Ms))
            .Concat(Checks.Between("fast_path.success_rate_pct", FastPath.SuccessRatePct, 0, 100))
            .Concat(Checks.Between("measurement.stats_flush_interval_ms", Measurement.StatsFlushIntervalMs, 50, 60000));
}

public sealed class FastPathSlo
{
    public double IncidentLatencyP95Ms { get; set; }
    public double IncidentLatencyP99Ms { get; set; }
    public double SuccessRatePct { get; set; }
}

public sealed class MeasurementSettings
{
    public int StatsFlushIntervalMs { get; set; } = 1000;
}
