using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Stats;
using AiOps.Grains.Monitoring;
using Orleans.Streams;

namespace AiOps.Silo.Features.Ingest;

/// <summary>Publishes accepted events as one batch per ship+service onto that service's stream.</summary>
public sealed class IngestPublisher(IClusterClient client, FastPathMetrics metrics, StatsAccumulator stats)
{
    private static readonly KeyValuePair<string, object?> LogKind = new("kind", "log");
    private static readonly KeyValuePair<string, object?> MetricKind = new("kind", "metric");

    public Task PublishLogsAsync(IReadOnlyList<LogMessage> logs, DateTimeOffset ingestedAt)
    {
        metrics.Ingested.Add(logs.Count, LogKind);
        stats.Add(ingestedAt, c => c.Logs += logs.Count);
        return PublishAsync(logs.GroupBy(l => StreamNames.ServiceKey(l.ShipId, l.Service))
            .Select(g => (g.Key, new TelemetryBatch { IngestedAt = ingestedAt, Logs = g.ToList() })));
    }

    public Task PublishMetricsAsync(IReadOnlyList<MetricSample> samples, DateTimeOffset ingestedAt)
    {
        metrics.Ingested.Add(samples.Count, MetricKind);
        stats.Add(ingestedAt, c => c.Metrics += samples.Count);
        return PublishAsync(samples.GroupBy(m => StreamNames.ServiceKey(m.ShipId, m.Service))
            .Select(g => (g.Key, new TelemetryBatch { IngestedAt = ingestedAt, Metrics = g.ToList() })));
    }

    public void CountRejected(string kind, int count) =>
        metrics.Rejected.Add(count, new KeyValuePair<string, object?>("kind", kind));

    private Task PublishAsync(IEnumerable<(string Key, TelemetryBatch Batch)> batches)
    {
        var provider = client.GetStreamProvider(StreamNames.Provider);
        return Task.WhenAll(batches.Select(b =>
            provider.GetStream<TelemetryBatch>(StreamId.Create(StreamNames.TelemetryNamespace, b.Key)).OnNextAsync(b.Batch)));
    }
}
