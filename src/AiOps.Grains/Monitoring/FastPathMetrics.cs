using System.Diagnostics.Metrics;

namespace AiOps.Grains.Monitoring;

/// <summary>
/// The Fast Path's OpenTelemetry instruments (meter <c>AiOps.FastPath</c>), exported on <c>/metrics</c>.
/// The latency histograms are what the SLO alerts in deploy/vmalert use.
/// </summary>
public sealed class FastPathMetrics : IDisposable
{
    public const string MeterName = "AiOps.FastPath";

    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;

    /// <summary>The Fast Path latency histogram's bucket bounds (seconds), for its empty series on a fresh host.</summary>
    public static IReadOnlyList<double> LatencyBucketBounds => LatencyBuckets;

    public const string FastPathLatencyHelp = "Fast Path latency from ingest to incident";

    public FastPathMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Ingested = _meter.CreateCounter<long>("aiops.events.ingested", "{event}", "Events accepted at ingest, by kind");
        Rejected = _meter.CreateCounter<long>("aiops.events.rejected", "{event}", "Events rejected at ingest, by kind");
        Processed = _meter.CreateCounter<long>("aiops.events.processed", "{event}", "Events that went through detection");
        Anomalies = _meter.CreateCounter<long>("aiops.anomalies.detected", "{anomaly}", "Anomalies detected, by incident type");
        Correlated = _meter.CreateCounter<long>("aiops.anomalies.correlated", "{anomaly}", "Correlation verdicts, by verdict");
        IncidentsOpened = _meter.CreateCounter<long>("aiops.incidents.opened", "{incident}", "Incidents opened, by type");
        DeadLettered = _meter.CreateCounter<long>("aiops.ingest.dead_lettered", "{event}", "Accepted events set aside after repeated delivery failures (kept in journal/dead-letter)");
        Alerts = _meter.CreateCounter<long>("aiops.alerts.received", "{alert}", "Alertmanager alerts received, by outcome (new, repeat, resolved)");
        EnrichmentErrors = _meter.CreateCounter<long>("aiops.enrichment.errors", "{anomaly}", "Anomalies whose enrichment failed");
        _meter.CreateObservableCounter("aiops.detect.regex_timeouts", () => Core.Detection.BoundedMatch.Timeouts, "{match}",
            "Policy regex matches that ran out of time and counted as no match");
        FastPathLatency = _meter.CreateHistogram<double>("aiops.fast_path.latency", "s",
            FastPathLatencyHelp, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        StageLatency = _meter.CreateHistogram<double>("aiops.stage.latency", "s",
            "Latency of each Fast Path stage, by stage", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    /// <summary>
    /// Puts the counters the SLO rules divide by on <c>/metrics</c> at zero, so a fresh host does not look broken
    /// to vmalert. Called once the metrics exporter listens: a measurement before that is not seen.
    /// </summary>
    public void ExportZeroes()
    {
        foreach (var kind in new[] { "log", "metric", "alert" })
        {
            Ingested.Add(0, new KeyValuePair<string, object?>("kind", kind));
            Rejected.Add(0, new KeyValuePair<string, object?>("kind", kind));
        }

        IncidentsOpened.Add(0);
    }

    public Counter<long> Ingested { get; }
    public Counter<long> Rejected { get; }
    public Counter<long> Processed { get; }
    public Counter<long> Anomalies { get; }
    public Counter<long> Correlated { get; }
    public Counter<long> IncidentsOpened { get; }
    public Counter<long> EnrichmentErrors { get; }
    public Counter<long> Alerts { get; }
    public Counter<long> DeadLettered { get; }
    public Histogram<double> FastPathLatency { get; }
    public Histogram<double> StageLatency { get; }

    /// <summary>Exports the ingest backlog: the age of the oldest accepted, unprocessed event and how many wait.</summary>
    public void ObserveIngestBacklog(Func<double> oldestAgeSeconds, Func<long> pendingEvents)
    {
        _meter.CreateObservableGauge("aiops.ingest.lag", oldestAgeSeconds, "s", "Age of the oldest accepted event the Fast Path has not processed");
        _meter.CreateObservableGauge("aiops.ingest.pending", pendingEvents, "{event}", "Accepted events the Fast Path has not processed");
    }

    public void Dispose() => _meter.Dispose();
}
