using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Stats;
using AiOps.Core.Tracing;
using AiOps.Grains.Monitoring;
using AiOps.Grains.Routing;
using AiOps.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace AiOps.Grains.Correlation;

/// <summary>
/// One correlation key (incident type + ship): runs the correlation engine on its persisted state, applies
/// the decisions to incident grains, and writes each anomaly's trace and Fast Path latency.
/// </summary>
/// <remarks>
/// Reentrant so that calls arriving while a write is under way can wait together: every change of the state
/// still runs one at a time, through <see cref="GroupCommitQueue{TItem, TResult}"/>.
/// </remarks>
[Reentrant]
public sealed partial class CorrelationGrain(
    [PersistentState("correlation", StorageNames.Durable)] IPersistentState<CorrelationState> state,
    PolicyRuntime policy,
    StatsAccumulator stats,
    FastPathMetrics metrics,
    Analytics.IAnalyticsSink analytics,
    TimeProvider clock,
    ITraceStore traceStore,
    Silences.SilenceCache silences,
    ILogger<CorrelationGrain> logger) : Grain, ICorrelationGrain
{
    private Core.Policy.AiOpsPolicy ShipPolicy => policy.For(PolicyRuntime.ShipOfCorrelationKey(this.GetPrimaryKeyString()));

    // Calls from many services at once share one correlation pass and one write of each kind; a batch stays
    // within what one incident change and one trace flush carry comfortably.
    private const int MaxCandidatesPerBatch = 20_000;
    private GroupCommitQueue<IReadOnlyList<CorrelationCandidate>, DateTimeOffset?>? _queue;

    // The trace store's flush of the latest pass's traces, which the next state write waits for (see SaveAsync).
    private Task _tracesKept = Task.CompletedTask;

    private GrainReferenceCache<IIncidentGrain>? _incidentGrains;

    private GrainReferenceCache<IIncidentGrain> IncidentGrains => _incidentGrains ??= new(GrainFactory);

    private GroupCommitQueue<IReadOnlyList<CorrelationCandidate>, DateTimeOffset?> Queue =>
        _queue ??= new(CorrelateBatchAsync, candidates => candidates.Count, MaxCandidatesPerBatch);

    public Task<DateTimeOffset?> CorrelateAsync(IReadOnlyList<CorrelationCandidate> candidates) => Queue.Batch(candidates);

    private async Task<IReadOnlyList<DateTimeOffset?>> CorrelateBatchAsync(IReadOnlyList<IReadOnlyList<CorrelationCandidate>> calls)
    {
        var candidates = calls.Count == 1 ? calls[0] : calls.SelectMany(c => c).ToList();
        var decisions = await CorrelateAndDeliverAsync(candidates);
        return CorrelationBatches.LatestJoinedPerCall(calls, decisions);
    }

    private async Task<IReadOnlyList<CorrelationDecision>> CorrelateAndDeliverAsync(IReadOnlyList<CorrelationCandidate> candidates)
    {
        // Events of an earlier call that failed before its incidents heard of them: told as they were decided.
        var retried = state.State.Undelivered.Count == 0 ? []
            : candidates.Where(c => state.State.Undelivered.ContainsKey(c.Anomaly.TrackingId))
                .Select(c => state.State.Undelivered[c.Anomaly.TrackingId].For(c))
                .ToList();
        var engine = new CorrelationEngine(ShipPolicy.Correlate, NewIncidentId);
        var silenceSet = await silences.CurrentAsync();
        var decisions = retried.Concat(engine.Correlate(state.State, candidates, silenceSet.Count == 0 ? null : silenceSet.SilencedBy)).ToList();
        // Saved before any incident hears of them (write-ahead, see CorrelationState.Undelivered).
        var savedAt = clock.GetUtcNow();
        foreach (var decision in decisions)
        {
            state.State.Undelivered[decision.Candidate.Anomaly.TrackingId] = SavedDecision.Of(decision, savedAt);
        }

        UndeliveredDecisions.Bound(state.State.Undelivered);
        try
        {
            await SaveAsync();
        }
        catch
        {
            // Nothing was told yet: forget these decisions, so that the caller's retry finds the events new.
            await state.RollBackAsync(this);
            throw;
        }

        // Should telling fail, the decisions stay saved and the caller's retry tells them.
        await DeliverAsync(decisions);
        // In memory only: the next write saves it, and until then telling again would change nothing. Other
        // entries stay: they may belong to a call that failed, or to one of a previous activation, whose retry
        // is still to come.
        foreach (var decision in decisions)
        {
            state.State.Undelivered.Remove(decision.Candidate.Anomaly.TrackingId);
        }

        return decisions;
    }

    /// <summary>
    /// Tells the incidents, then counts and traces the decisions; safe to repeat. The traces are written behind,
    /// kept before the next state write (<see cref="SaveAsync"/>) and before the caller confirms the events done
    /// (<see cref="FlushTracesAsync"/>).
    /// </summary>
    private async Task DeliverAsync(IReadOnlyList<CorrelationDecision> decisions)
    {
        var correlatedAt = clock.GetUtcNow();
        var applied = await ApplyToIncidentsAsync(decisions);
        MoveWhatSplitsMovedOut(applied.Values);
        var traces = decisions.Select(d => CorrelationOutcome.TraceOf(d, correlatedAt, d.IncidentId is null ? null : applied.GetValueOrDefault(d.IncidentId))).ToList();
        Account(decisions, applied, correlatedAt);
        traceStore.Record(traces);
        analytics.Anomalies(decisions.Select(d => d.Candidate));
        analytics.Traces(PolicyRuntime.ShipOfCorrelationKey(this.GetPrimaryKeyString()), traces);
        _tracesKept = traceStore.FlushAsync();
    }

    /// <summary>
    /// Writes the state once the previous pass's traces are kept. A pass's own write keeps its decisions as
    /// undelivered, and the next write is the one that drops them: were it written before their traces, a crash
    /// would leave events marked correlated (a replay skips them) whose traces were lost. So a pass does not wait
    /// for its traces, only the next write does, by when they are usually written.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await _tracesKept;
        }
        catch
        {
            // The trace store failed (it retries on its own first): this call fails and the next one goes on.
            _tracesKept = Task.CompletedTask;
            throw;
        }

        await state.WriteStateAsync();
    }

    // Not part of a correlation: waiting for the trace store there held every later call of this key behind it.
    public Task FlushTracesAsync() => traceStore.FlushAsync();

    private string NewIncidentId(CorrelationCandidate opener) => IncidentIds.For(this.GetPrimaryKeyString(), opener);

    public Task<StatusChangeResult?> ChangeIncidentStatusAsync(string incidentId, StatusChangeRequest request) =>
        CommandIncidentAsync(incidentId, incident => incident.ChangeStatusAsync(request));

    public Task<StatusChangeResult?> ReopenIncidentAsync(string incidentId, string actor, string? comment) =>
        CommandIncidentAsync(incidentId, incident => incident.ReopenAsync(actor, comment));

    public Task<StatusChangeResult?> MergeIncidentAsync(string incidentId, string intoId, string actor) =>
        CommandIncidentAsync(incidentId, incident => incident.MergeIntoAsync(intoId, actor));

    public Task<StatusChangeResult?> SplitIncidentAsync(string incidentId, IReadOnlyList<string> trackingIds, string newId, string actor) =>
        CommandIncidentAsync(incidentId, incident => incident.SplitOutAsync(trackingIds, newId, actor));

    /// <summary>
    /// An operator's change of an incident, run between correlations: the incident changes and answers, and this
    /// key applies the answer before the next event is correlated, so no event joins an incident the operator just
    /// closed. Should the write here fail, the call fails with the incident changed, and the key holds the change in
    /// memory for its next write.
    /// </summary>
    private Task<StatusChangeResult?> CommandIncidentAsync(string incidentId, Func<IIncidentGrain, Task<StatusChangeResult?>> command) =>
        Queue.Exclusive(() => ApplyCommandAsync(command(IncidentGrains[incidentId])));

    private async Task<StatusChangeResult?> ApplyCommandAsync(Task<StatusChangeResult?> command)
    {
        var result = await command;
        if (result?.StatusChanged is null && result?.MovedOut is null)
        {
            return result;
        }

        if (result.StatusChanged is { } change)
        {
            Follow(change);
        }

        if (result.MovedOut is { } moved)
        {
            IncidentHandOver.MoveMembers(state.State, moved);
        }

        await SaveAsync();
        return result;
    }

    public Task AlertsResolvedAsync(IReadOnlyList<string> fingerprints, DateTimeOffset resolvedAt) =>
        Queue.Exclusive(() => ResolveAlertsAsync(fingerprints, resolvedAt));

    private async Task ResolveAlertsAsync(IReadOnlyList<string> fingerprints, DateTimeOffset resolvedAt)
    {
        var byIncident = CorrelationEngine.ResolveAlerts(state.State, fingerprints);
        if (byIncident.Count == 0)
        {
            return;
        }

        // The incidents first: should one fail, the mapping is still saved here and the caller's retry finds it.
        var changes = await Task.WhenAll(byIncident.Select(pair => IncidentGrains[pair.Key].AlertsResolvedAsync(pair.Value, resolvedAt)));
        foreach (var change in changes.OfType<IncidentStatusChanged>())
        {
            Follow(change);
        }

        await SaveAsync();
    }

    /// <summary>The window and keys follow an incident's new status (written with the next write).</summary>
    private void Follow(IncidentStatusChanged change) =>
        new CorrelationEngine(ShipPolicy.Correlate, NewIncidentId).OnStatusChanged(state.State, change);

    /// <summary>
    /// Splits whose delivery finished after the operator's call had answered: their incidents answer them with the
    /// next change, so the repeat that brought them here still counted on the incident it left. Written with the next
    /// write, like the delivered decisions.
    /// </summary>
    private void MoveWhatSplitsMovedOut(IEnumerable<IncidentChangeResult> applied)
    {
        foreach (var result in applied)
        {
            foreach (var handoff in result.MovedOut ?? [])
            {
                IncidentHandOver.MoveMembers(state.State, handoff);
            }
        }
    }

    private async Task<Dictionary<string, IncidentChangeResult>> ApplyToIncidentsAsync(IReadOnlyList<CorrelationDecision> decisions)
    {
        var changes = CorrelationOutcome.ChangesOf(decisions, this.GetPrimaryKeyString(), ShipPolicy.Correlate);
        var results = await Task.WhenAll(changes.Select(c => IncidentGrains[c.IncidentId].ApplyAsync(c)));
        return changes.Zip(results).ToDictionary(pair => pair.First.IncidentId, pair => pair.Second);
    }

    private void Account(IReadOnlyList<CorrelationDecision> decisions, Dictionary<string, IncidentChangeResult> applied, DateTimeOffset correlatedAt)
    {
        var tally = CorrelationOutcome.Tally(decisions, applied);
        foreach (var decision in decisions)
        {
            var candidate = decision.Candidate;
            if (decision.SilenceId is { } silenceId)
            {
                silences.Count(silenceId);
            }

            metrics.Correlated.Add(1, new KeyValuePair<string, object?>("verdict", CorrelationOutcome.NameOf(decision.Verdict)));
            metrics.StageLatency.Record((correlatedAt - candidate.EnrichedAt).TotalSeconds, new KeyValuePair<string, object?>("stage", "correlated"));
            if (decision.IncidentId is not null && applied.TryGetValue(decision.IncidentId, out var result))
            {
                metrics.StageLatency.Record((result.AppliedAt - correlatedAt).TotalSeconds, new KeyValuePair<string, object?>("stage", "incident"));
            }

            // Debug: one line per anomaly; an opened incident has its own Information line (3001).
            if (logger.IsEnabled(LogLevel.Debug))
            {
                using var scope = LogScopes.ForEvent(logger, candidate.Anomaly.TrackingId, candidate.Anomaly.ShipId, decision.IncidentId);
                LogDecision(logger, decision.Verdict, candidate.IncidentType, decision.IncidentId);
            }
        }

        foreach (var latency in tally.FastPathLatencies)
        {
            metrics.FastPathLatency.Record(latency.TotalSeconds);
        }

        if (tally.Opened > 0)
        {
            metrics.IncidentsOpened.Add(tally.Opened, new KeyValuePair<string, object?>("incident_type", decisions[0].Candidate.IncidentType));
        }

        stats.Add(c =>
        {
            c.IncidentsOpened += tally.Opened;
            c.Duplicates += tally.Duplicates;
            c.Suppressions += tally.Suppressed;
            c.Silenced += tally.Silenced;
            foreach (var latency in tally.FastPathLatencies)
            {
                LatencyHistogram.Record(c.FastPathLatency, latency.TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Correlated as {Verdict} ({IncidentType}) into {IncidentId}")]
    private static partial void LogDecision(ILogger logger, CorrelationVerdict verdict, string incidentType, string? incidentId);
}
