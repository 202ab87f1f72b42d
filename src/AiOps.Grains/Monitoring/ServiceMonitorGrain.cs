using System.Diagnostics;
using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Enrichment;
using AiOps.Core.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Stats;
using AiOps.Core.Tracing;
using AiOps.Grains.Routing;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Monitoring;

/// <summary>
/// A ship's service: takes its telemetry from the ingest journal's dispatcher (or NATS), detects and enriches in
/// memory, and hands anomalies to the correlation grains of their incident types. Detector state is
/// checkpointed on a timer or when the dispatcher checkpoints the journal, not per event.
/// </summary>
public sealed partial class ServiceMonitorGrain(
    [PersistentState("monitor", StorageNames.Durable)] IPersistentState<ServiceMonitorState> state,
    PolicyRuntime policy,
    StatsAccumulator stats,
    ITraceStore traces,
    FastPathMetrics metrics,
    Analytics.IAnalyticsSink analytics,
    Analytics.IAnalyticsReader history,
    TimeProvider clock,
    ILogger<ServiceMonitorGrain> logger) : Grain, IServiceMonitorGrain
{
    private bool _dirty;

    // Correlation keys this grain handed anomalies to since their traces were last kept (see FlushTracesAsync).
    private readonly HashSet<string> _unflushedCorrelations = new(StringComparer.Ordinal);
    private GrainReferenceCache<ICorrelationGrain>? _correlationGrains;

    private GrainReferenceCache<ICorrelationGrain> CorrelationGrains => _correlationGrains ??= new(GrainFactory);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            await WarmFromHistoryAsync(cancellationToken);
        }

        var checkpoint = TimeSpan.FromSeconds(policy.Fleet.Detect.StateCheckpointSec);
        this.RegisterGrainTimer(CheckpointAsync, checkpoint, checkpoint);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await CheckpointAsync(cancellationToken);

    public async Task ProcessJournaledAsync(string journalId, IReadOnlyList<JournaledBatch> batches)
    {
        var fresh = state.State.Journals.Fresh(journalId, batches);
        if (fresh.Count == 0)
        {
            return;
        }

        try
        {
            await ProcessBatchesAsync(fresh.Select(b => b.Batch).ToList());
        }
        catch
        {
            // Half-applied detector state must not be saved, nor the position moved past what failed: start the
            // next call from the last saved state; the dispatcher's retry then replays, and downstream is idempotent.
            _dirty = false;
            this.DeactivateOnIdle();
            throw;
        }

        state.State.Journals.Advance(journalId, fresh[^1].Lsn, clock.GetUtcNow());
    }

    public Task FlushAsync() => CheckpointAsync(CancellationToken.None);

    public async Task<int> ProcessDurablyAsync(TelemetryBatch batch)
    {
        var fresh = state.State.Undelivered(batch);
        var count = fresh.Count;
        if (count > 0)
        {
            stats.Add(c =>
            {
                c.Logs += fresh.Logs.Count;
                c.Metrics += fresh.Metrics.Count;
            });
            try
            {
                await ProcessBatchesAsync([fresh]);
            }
            catch
            {
                // As for the journal: half-applied detector state is not kept; the redelivery starts from storage.
                _dirty = false;
                this.DeactivateOnIdle();
                throw;
            }

            state.State.MarkDelivered(fresh);
        }

        // Persist (traces, then state) before the caller acknowledges: a crash after this point cannot lose or repeat the batch.
        await FlushCorrelationTracesAsync();
        await traces.FlushAsync();
        await state.WriteStateAsync();
        _dirty = false;
        return count;
    }

    public Task ProcessAsync(TelemetryBatch batch) => ProcessBatchesAsync([batch]);

    public Task MarkTemplatesActedOnAsync(IReadOnlyList<int> templateIds)
    {
        foreach (var id in templateIds)
        {
            if (state.State.Logs.Templates.TryGetValue(state.State.Logs.Resolve(id), out var template) && !template.ActedOn)
            {
                template.ActedOn = true;
                _dirty = true;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LogTemplateView>> TemplatesAsync() => Task.FromResult(state.State.Logs.Views());

    /// <summary>Detects and enriches every batch in order, then correlates all their anomalies in one call per key.</summary>
    private async Task ProcessBatchesAsync(IReadOnlyList<TelemetryBatch> batches)
    {
        if (batches.Count == 0)
        {
            return;
        }

        var pipeline = new ServicePipeline(policy.DetectFor(PolicyRuntime.ShipOfServiceKey(this.GetPrimaryKeyString())), clock);
        var candidates = new List<CorrelationCandidate>();
        var resolvedAlerts = new List<Core.Alerts.ResolvedAlert>();
        var alertRepeats = 0;
        var processed = 0;
        foreach (var batch in batches)
        {
            analytics.Logs(batch.Logs);
            analytics.Metrics(batch.Metrics);
            var result = pipeline.Process(batch, state.State);
            foreach (var normal in result.NormalEvents)
            {
                traces.RecordNormal(normal.TrackingId, batch.IngestedAt, normal.DetectedAt);
            }

            candidates.AddRange(result.Candidates);
            resolvedAlerts.AddRange(result.ResolvedAlerts);
            alertRepeats += result.AlertRepeats;
            processed += result.Processed;
        }

        CountAlerts(candidates, alertRepeats, resolvedAlerts.Count);

        _dirty = true;
        stats.Add(c =>
        {
            c.Processed += processed;
            c.Anomalies += candidates.Count;
        });
        metrics.Processed.Add(processed);
        await CorrelateAsync(candidates);
        // After correlation: an alert that fired and resolved in one batch must reach its incident first.
        await Task.WhenAll(resolvedAlerts
            .GroupBy(r => ICorrelationGrain.Key(r.IncidentType, PolicyRuntime.ShipOfServiceKey(this.GetPrimaryKeyString())))
            .Select(group => CorrelationGrains[group.Key].AlertsResolvedAsync(group.Select(r => r.Fingerprint).ToList(), clock.GetUtcNow())));
    }

    private void CountAlerts(List<CorrelationCandidate> candidates, int repeats, int resolved)
    {
        var fresh = candidates.Count(c => c.Anomaly.AlertFingerprint is not null);
        foreach (var (outcome, count) in new[] { ("new", fresh), ("repeat", repeats), ("resolved", resolved) })
        {
            if (count > 0)
            {
                metrics.Alerts.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
            }
        }
    }

    private async Task CorrelateAsync(List<CorrelationCandidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            NoteAnomaly(candidate);
        }

        // Grouped by the key's parts: a key string made per candidate was a string built and hashed per alert.
        var groups = candidates.GroupBy(c => (c.IncidentType, c.Anomaly.ShipId))
            .Select(group => (Key: ICorrelationGrain.Key(group.Key.IncidentType, group.Key.ShipId), Candidates: group.ToList()))
            .ToList();
        _unflushedCorrelations.UnionWith(groups.Select(group => group.Key));
        var incidentTimes = await Task.WhenAll(groups.Select(group => CorrelationGrains[group.Key].CorrelateAsync(group.Candidates)));
        var latest = incidentTimes.Max();
        if (latest is { } ts && (state.State.Context.LastIncidentTs is null || ts > state.State.Context.LastIncidentTs))
        {
            state.State.Context.LastIncidentTs = ts;
        }
    }

    /// <summary>
    /// A service seen for the first time here may have a past in the analytics store: its anomalies of the last
    /// day and its devices. Best effort: without them the service simply starts with an empty memory.
    /// </summary>
    private async Task WarmFromHistoryAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var ship = PolicyRuntime.ShipOfServiceKey(key);
        var service = key[(ship.Length + 1)..];
        var detect = policy.For(ship).Detect;
        try
        {
            foreach (var row in await history.RecentAnomaliesAsync(ship, service, clock.GetUtcNow().AddHours(-24), cancellationToken))
            {
                state.State.Context.CounterFor(Fingerprint.Of(ship, row.Domain, service, row.AnomalyType, row.DeviceId, row.MetricName), detect.Context.MaxFingerprints).Add(row.Ts);
            }

            foreach (var device in await history.DevicesAsync(ship, service, detect.Context.MaxDevices, cancellationToken))
            {
                state.State.Context.Learn(device, detect.Context.MaxDevices);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHistoryUnavailable(logger, key, e.Message);
        }
    }

    private void NoteAnomaly(CorrelationCandidate candidate)
    {
        var anomaly = candidate.Anomaly;
        metrics.Anomalies.Add(1, new KeyValuePair<string, object?>("incident_type", candidate.IncidentType));
        metrics.StageLatency.Record((candidate.DetectedAt - candidate.IngestedAt).TotalSeconds, new KeyValuePair<string, object?>("stage", "detected"));
        metrics.StageLatency.Record((candidate.EnrichedAt - candidate.DetectedAt).TotalSeconds, new KeyValuePair<string, object?>("stage", "enriched"));
        var enrichmentFailed = anomaly.Tags.Contains(Enricher.ErrorTag);
        if (enrichmentFailed)
        {
            metrics.EnrichmentErrors.Add(1);
        }

        // Each anomaly's own line is Debug: an alert storm brings thousands a second, and its trace holds the
        // same facts. The scope (tracking id, ship) is opened only for a line that will be written.
        if (!enrichmentFailed && !logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        using var scope = LogScopes.ForEvent(logger, anomaly.TrackingId, anomaly.ShipId);
        if (enrichmentFailed)
        {
            LogEnrichmentFailed(logger, anomaly.AnomalyType, anomaly.Service);
        }

        LogAnomaly(logger, anomaly.AnomalyType, anomaly.Service, anomaly.Score, anomaly.Severity, candidate.IncidentType, anomaly.Detector);
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        // Traces first: the saved journal position says "done" for every event it covers, and a replay skips
        // them, so their traces must already be kept, the correlations' too (they may live on another silo).
        await FlushCorrelationTracesAsync();
        await traces.FlushAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        _dirty = false;
        LogCheckpoint(logger, this.GetPrimaryKeyString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task FlushCorrelationTracesAsync()
    {
        if (_unflushedCorrelations.Count == 0)
        {
            return;
        }

        var keys = _unflushedCorrelations.ToList();
        await Task.WhenAll(keys.Select(key => CorrelationGrains[key].FlushTracesAsync()));
        _unflushedCorrelations.ExceptWith(keys);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug,
        Message = "Anomaly {AnomalyType} on {Service}: score {Score}, severity {Severity}, incident type {IncidentType} ({Detector})")]
    private static partial void LogAnomaly(ILogger logger, string anomalyType, string service, double score, Severity severity, string incidentType, string detector);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Enrichment failed for {AnomalyType} on {Service}; going on with severity medium")]
    private static partial void LogEnrichmentFailed(ILogger logger, string anomalyType, string service);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "No history for {ServiceKey} from the analytics store ({Problem}); starting empty")]
    private static partial void LogHistoryUnavailable(ILogger logger, string serviceKey, string problem);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Checkpointed detector state of {ServiceKey} in {ElapsedMs} ms")]
    private static partial void LogCheckpoint(ILogger logger, string serviceKey, double elapsedMs);
}
