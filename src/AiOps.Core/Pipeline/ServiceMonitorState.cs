using AiOps.Contracts.Pipeline;
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

    /// <summary>When the earliest of <see cref="FiringAlerts"/> may end, in memory only (not stored: a loaded state scans once).</summary>
    public Alerts.AlertEndBound FiringAlertEnds => _firingAlertEnds;

    [NonSerialized]
    private readonly Alerts.AlertEndBound _firingAlertEnds = new();

    // Ids remembered to recognise redeliveries: JetStream redelivers within its ack wait, far fewer than this.
    private const int DeliveredCapacity = 20_000;

    /// <summary>The events of a batch from a durable source that this service has not processed yet.</summary>
    public TelemetryBatch Undelivered(TelemetryBatch batch) => batch with
    {
        Logs = batch.Logs.Where(l => !Delivered.Contains(l.TrackingId)).ToList(),
        Metrics = batch.Metrics.Where(m => !Delivered.Contains(m.TrackingId)).ToList(),
        Alerts = batch.Alerts.Where(a => !Delivered.Contains(a.TrackingId)).ToList(),
    };

    /// <summary>Remembers a processed batch's events, so that their redelivery is recognised.</summary>
    public void MarkDelivered(TelemetryBatch batch)
    {
        foreach (var id in batch.Logs.Select(l => l.TrackingId).Concat(batch.Metrics.Select(m => m.TrackingId)).Concat(batch.Alerts.Select(a => a.TrackingId)))
        {
            Delivered.Add(id, DeliveredCapacity);
        }
    }
}
