namespace AiOps.Infrastructure.Analytics;

/// <summary>A table of the analytics store and the columns the sink fills, in order.</summary>
public sealed record AnalyticsTable(string Name, IReadOnlyList<string> Columns)
{
    public static readonly AnalyticsTable Logs = new("aiops.logs", ["ts", "tracking_id", "ship_id", "domain", "service", "level", "host", "device_id", "msg", "meta"]);
    public static readonly AnalyticsTable Metrics = new("aiops.metrics", ["ts", "tracking_id", "ship_id", "domain", "service", "metric", "value", "device_id", "labels"]);
    public static readonly AnalyticsTable Anomalies = new("aiops.anomalies", ["ts", "tracking_id", "ship_id", "domain", "service", "device_id", "anomaly_type", "incident_type", "detector", "score", "severity", "metric_name", "metric_value", "threshold", "raw_msg", "tags", "context"]);
    public static readonly AnalyticsTable Incidents = new("aiops.incidents", ["incident_id", "tracking_id", "ship_id", "incident_type", "severity", "status", "created_at", "updated_at", "closed_at", "anomaly_count", "duplicate_count", "tracking_ids", "document"]);
    public static readonly AnalyticsTable Traces = new("aiops.traces", ["tracking_id", "ship_id", "stage", "ts", "status", "error", "incident_id"]);

    public static readonly AnalyticsTable LlmCache = new("aiops.llm_cache", ["cache_key", "created_at", "insight"]);

    public static readonly IReadOnlyList<AnalyticsTable> All = [Logs, Metrics, Anomalies, Incidents, Traces, LlmCache];
}
