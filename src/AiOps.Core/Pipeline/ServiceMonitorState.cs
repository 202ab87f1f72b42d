using AiOps.Core.Detection;
using AiOps.Core.Enrichment;

namespace AiOps.Core.Pipeline;

/// <summary>Everything a service monitor keeps between batches: metric series and enrichment context.</summary>
[GenerateSerializer, Alias("aiops.service-monitor-state.v1")]
public sealed class ServiceMonitorState
{
    [Id(0)] public Dictionary<string, MetricSeries> Series { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public ServiceContext Context { get; set; } = new();

    /// <summary>Series beyond the policy's per-service limit are not tracked (and counted by the caller).</summary>
    [Id(2)] public long UntrackedSamples { get; set; }

    /// <summary>Tracking ids taken from durable sources, so a redelivery is processed once.</summary>
    [Id(3)] public RecentIds Delivered { get; set; } = new();

    /// <summary>How far this service has taken each ingest journal, so a replay after a crash is processed once.</summary>
    [Id(4)] public JournalPositions Journals { get; set; } = new();

    /// <summary>The service's mined log templates, kept across restarts.</summary>
    [Id(5)] public Logs.LogTemplateBook Logs { get; set; } = new();

    /// <summary>Alerts (from <c>/api/v2/alerts</c>) firing on this service, by Alertmanager fingerprint.</summary>
    [Id(6)] public Dictionary<string, Alerts.FiringAlert> FiringAlerts { get; set; } = new(StringComparer.Ordinal);
}
