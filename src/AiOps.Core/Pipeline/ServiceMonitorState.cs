using AiOps.Contracts.Pipeline;
using AiOps.Core.Alerts;
using AiOps.Core.Detection;
using AiOps.Core.Enrichment;
using AiOps.Core.Storage;

namespace AiOps.Core.Pipeline;

/// <summary>Everything a service monitor keeps between batches: metric series and enrichment context.</summary>
/// <remarks>
/// Checkpointed every second while its service is busy (the journal's checkpoint), so the parts that grow with the
/// traffic (series, firing alerts, delivered ids) are written as their changes (<see cref="IIncrementalState"/>):
/// an alert storm had each service write its up to 10,000 firing alerts whole every second, the largest share of
/// what the host allocated.
/// </remarks>
[GenerateSerializer, Alias("aiops.service-monitor-state.v1")]
public sealed class ServiceMonitorState : IIncrementalState
{
    /// <summary>Detector state by series. A series is changed in place, so whoever changes one reports it (<see cref="TrackedMap{TValue}.Changed"/>).</summary>
    [Id(7)] public TrackedMap<MetricSeries> Series { get; set; } = new();
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
    [field: NonSerialized]
    public TrackedMap<FiringAlert> FiringAlerts { get; set; } = new();

    /// <summary><see cref="FiringAlerts"/> as stored, in the compact format (<see cref="CompactMap"/>).</summary>
    [Id(9)]
    public ReadOnlyMemory<byte> StoredFiringAlerts
    {
        get => CompactMap.Write<FiringAlert, FiringAlertFormat>(FiringAlerts.Items, []);
        set => FiringAlerts.SetAll(CompactMap.Read<FiringAlert, FiringAlertFormat>(value.Span).Set);
    }

    /// <summary>Firing alerts as states written before the compact format held them (field 8); read only.</summary>
    [Id(8)]
    public TrackedMap<FiringAlert>? LegacyTrackedFiringAlerts
    {
        get => null;
        set => FiringAlerts.SetAll(value?.Items);
    }

    /// <summary>Series as states written before they were tracked held them (field 0); read only.</summary>
    [Id(0)]
    public Dictionary<string, MetricSeries>? LegacySeries
    {
        get => null;
        set => Series.SetAll(value);
    }

    /// <summary>Firing alerts as states written before they were tracked held them (field 6); read only.</summary>
    [Id(6)]
    public Dictionary<string, FiringAlert>? LegacyFiringAlerts
    {
        get => null;
        set => FiringAlerts.SetAll(value);
    }

    /// <summary>When the earliest of <see cref="FiringAlerts"/> may end, in memory only (not stored: a loaded state scans once).</summary>
    public AlertEndBound FiringAlertEnds => _firingAlertEnds;

    [NonSerialized]
    private readonly AlertEndBound _firingAlertEnds = new();

    // Ids remembered to recognise redeliveries: JetStream redelivers within its ack wait, far fewer than this.
    private const int DeliveredCapacity = 20_000;

    public object? TakeChanges()
    {
        if (Series.TakeChanges() is not { } series || FiringAlerts.TakeChanges() is not { } alerts)
        {
            return null;
        }

        return new ServiceMonitorChanges
        {
            Series = series,
            Context = Context,
            UntrackedSamples = UntrackedSamples,
            Delivered = Delivered.TakeChanges(),
            Journals = Journals,
            Logs = Logs,
            FiringAlerts = alerts,
        };
    }

    public void ApplyChanges(object changes)
    {
        var change = (ServiceMonitorChanges)changes;
        Series.ApplyChanges(change.Series);
        Context = change.Context;
        UntrackedSamples = change.UntrackedSamples;
        Delivered.ApplyChanges(change.Delivered);
        Journals = change.Journals;
        Logs = change.Logs;
        FiringAlerts.ApplyChanges(change.FiringAlerts);
    }

    public void ChangesSaved()
    {
        Series.ChangesSaved();
        FiringAlerts.ChangesSaved();
        Delivered.ChangesSaved();
    }

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
