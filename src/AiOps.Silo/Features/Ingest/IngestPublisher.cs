using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Stats;
using AiOps.Grains.Monitoring;
using AiOps.Infrastructure.Ingest;

namespace AiOps.Silo.Features.Ingest;

/// <summary>
/// Hands accepted events, as one batch per ship+service, to the durable ingest sink; completes when they are
/// kept there (the <c>202</c> waits for it).
/// </summary>
public sealed class IngestPublisher(IIngestSink sink, FastPathMetrics metrics, StatsAccumulator stats)
{
    private static readonly KeyValuePair<string, object?> LogKind = new("kind", "log");
    private static readonly KeyValuePair<string, object?> MetricKind = new("kind", "metric");
    private static readonly KeyValuePair<string, object?> AlertKind = new("kind", "alert");

    public async Task PublishLogsAsync(IReadOnlyList<LogMessage> logs, DateTimeOffset ingestedAt, CancellationToken cancellationToken)
    {
        await sink.AcceptAsync(logs.GroupBy(l => StreamNames.ServiceKey(l.ShipId, l.Service))
            .Select(g => new TelemetryBatch { IngestedAt = ingestedAt, Logs = g.ToList() })
            .ToList(), cancellationToken);
        metrics.Ingested.Add(logs.Count, LogKind);
        stats.Add(ingestedAt, c => c.Logs += logs.Count);
    }

    public async Task PublishMetricsAsync(IReadOnlyList<MetricSample> samples, DateTimeOffset ingestedAt, CancellationToken cancellationToken)
    {
        await sink.AcceptAsync(samples.GroupBy(m => StreamNames.ServiceKey(m.ShipId, m.Service))
            .Select(g => new TelemetryBatch { IngestedAt = ingestedAt, Metrics = g.ToList() })
            .ToList(), cancellationToken);
        metrics.Ingested.Add(samples.Count, MetricKind);
        stats.Add(ingestedAt, c => c.Metrics += samples.Count);
    }

    public async Task PublishAlertsAsync(IReadOnlyList<AlertMessage> alerts, DateTimeOffset ingestedAt, CancellationToken cancellationToken)
    {
        await sink.AcceptAsync(alerts.GroupBy(a => StreamNames.ServiceKey(a.ShipId, a.Service))
            .Select(g => new TelemetryBatch { IngestedAt = ingestedAt, Alerts = g.ToList() })
            .ToList(), cancellationToken);
        metrics.Ingested.Add(alerts.Count, AlertKind);
    }

    public void CountRejected(string kind, int count) =>
        metrics.Rejected.Add(count, new KeyValuePair<string, object?>("kind", kind));
}
