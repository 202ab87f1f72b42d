using System.Diagnostics.Metrics;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Analytics;
using AiOps.Core.Policy;
using AiOps.Grains.Analytics;
using AiOps.Grains.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Analytics;

/// <summary>
/// The write-behind sink to the analytics store: one bounded buffer per table (retention.yaml
/// <c>analytics_sink</c>), flushed in batches at an interval, retried with backoff while the store is down.
/// </summary>
public sealed partial class AnalyticsSink : BackgroundService, IAnalyticsSink
{
    private readonly IAnalyticsWriter _writer;
    private readonly PolicyRuntime _policy;
    private readonly ILogger<AnalyticsSink> _logger;
    private readonly Dictionary<AnalyticsTable, WriteBehindBuffer<object?[]>> _buffers;
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;

    public AnalyticsSink(IAnalyticsWriter writer, PolicyRuntime policy, IMeterFactory meters, TimeProvider clock, ILogger<AnalyticsSink> logger)
    {
        (_writer, _policy, _logger) = (writer, policy, logger);
        var settings = policy.Fleet.Retention.AnalyticsSink;
        _buffers = AnalyticsTable.All.ToDictionary(t => t, _ => new WriteBehindBuffer<object?[]>(
            settings.BufferRows, settings.BatchRows, TimeSpan.FromMilliseconds(settings.MaxRetryBackoffMs), clock));
        var meter = meters.Create(FastPathMetrics.MeterName);
        _written = meter.CreateCounter<long>("aiops.analytics.written", "{row}", "Rows written to the analytics store, by table");
        _dropped = meter.CreateCounter<long>("aiops.analytics.dropped", "{row}", "Rows refused because a sink buffer was full, by table");
        meter.CreateObservableGauge("aiops.analytics.buffered", () => _buffers.Values.Sum(b => (long)b.Count), "{row}", "Rows waiting for the analytics store");
    }

    /// <summary>Rows waiting, by table (for tests and readiness).</summary>
    public IReadOnlyDictionary<string, int> Buffered => _buffers.ToDictionary(b => b.Key.Name, b => b.Value.Count);

    // The analytics store may be ashore: privacy.yaml shore_sync decides, per ship, what may go there, and the
    // shore_sync redactor cleans the text that does.
    public void Logs(IReadOnlyList<LogMessage> logs)
    {
        foreach (var l in logs.Where(l => Sync(l.ShipId).RawLogs))
        {
            Add(AnalyticsTable.Logs, [l.Ts.UtcDateTime, l.TrackingId, l.ShipId, Name(l.Domain), l.Service, Name(l.Level), l.Host ?? "", l.DeviceId ?? "",
                Redact(l.ShipId, l.Msg), Redact(l.ShipId, l.Meta ?? "{}")]);
        }
    }

    public void Metrics(IReadOnlyList<MetricSample> samples)
    {
        foreach (var m in samples.Where(m => Sync(m.ShipId).Metrics))
        {
            Add(AnalyticsTable.Metrics, [m.Ts.UtcDateTime, m.TrackingId, m.ShipId, Name(m.Domain), m.Service, m.Metric, m.Value, m.DeviceId ?? "", m.Labels ?? []]);
        }
    }

    public void Anomalies(IEnumerable<CorrelationCandidate> candidates)
    {
        foreach (var c in candidates.Where(c => Sync(c.Anomaly.ShipId).Incidents))
        {
            var a = c.Anomaly;
            Add(AnalyticsTable.Anomalies, [a.Ts.UtcDateTime, a.TrackingId, a.ShipId, Name(a.Domain), a.Service, a.DeviceId ?? "", a.AnomalyType, c.IncidentType,
                a.Detector, a.Score, Name(a.Severity), a.MetricName ?? "", a.MetricValue, a.Threshold, Redact(a.ShipId, a.RawMsg ?? ""), a.Tags.ToArray(),
                JsonSerializer.Serialize(a.Context, AiOpsJson.Options)]);
        }
    }

    public void Traces(string shipId, IEnumerable<TraceRecord> traces)
    {
        if (!Sync(shipId).Incidents)
        {
            return;
        }

        foreach (var t in traces)
        {
            foreach (var s in t.Stages)
            {
                Add(AnalyticsTable.Traces, [t.TrackingId, shipId, s.Stage, s.Ts.UtcDateTime, s.Status, s.Error ?? "", t.IncidentId ?? ""]);
            }
        }
    }

    public void Incident(Incident i)
    {
        if (!Sync(i.ShipId).Incidents)
        {
            return;
        }

        Add(AnalyticsTable.Incidents, [i.IncidentId, i.TrackingId, i.ShipId, i.IncidentType, Name(i.Severity), Name(i.Status), i.CreatedAt.UtcDateTime,
            i.UpdatedAt.UtcDateTime, null, (uint)i.AnomalyCount, (uint)i.DuplicateCount, i.TrackingIds.ToArray(), Redact(i.ShipId, JsonSerializer.Serialize(i, AiOpsJson.Options))]);
    }

    public void CachedInsight(string key, string insightJson, DateTimeOffset at)
    {
        if (_policy.Fleet.Privacy.ShoreSync.Summaries)
        {
            Add(AnalyticsTable.LlmCache, [key, at.UtcDateTime, insightJson]);
        }
    }

    /// <summary>Writes what the buffers hold now; a table whose store write fails keeps its rows for the next try.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, buffer) in _buffers)
        {
            try
            {
                var written = await buffer.FlushAsync((rows, ct) => _writer.WriteAsync(table, rows, ct), cancellationToken);
                if (written > 0)
                {
                    _written.Add(written, new KeyValuePair<string, object?>("table", table.Name));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWriteFailed(_logger, table.Name, buffer.Count, e.Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_policy.Fleet.Retention.AnalyticsSink.FlushIntervalMs));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping: a last flush below
        }

        await FlushAsync(CancellationToken.None);
    }

    private ShoreSyncSettings Sync(string shipId) => _policy.For(shipId).Privacy.ShoreSync;

    private string Redact(string shipId, string text) => _policy.RedactorFor(shipId, "shore_sync")?.Redact(text) ?? text;

    private void Add(AnalyticsTable table, object?[] row)
    {
        if (!_buffers[table].TryAdd(row))
        {
            _dropped.Add(1, new KeyValuePair<string, object?>("table", table.Name));
        }
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Writing {Table} to the analytics store failed ({Problem}); {Buffered} rows wait for the retry")]
    private static partial void LogWriteFailed(ILogger logger, string table, int buffered, string problem);
}
