using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Grains.Monitoring;
using AiOps.Insight;
using AiOps.Core.Policy;
using AiOps.Grains.Services;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Incidents;

/// <summary>One incident: its state survives restarts; the catalog gets its summary whenever that changes.</summary>
public sealed partial class IncidentGrain(
    [PersistentState("incident", StorageNames.Durable)] IPersistentState<IncidentState> state,
    PolicyRuntime policy,
    IInsightQueue insights,
    Analytics.IAnalyticsSink analytics,
    TimeProvider clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain
{
    private IncidentSummary? _published;

    public async Task<IncidentChangeResult> ApplyAsync(IncidentChange change)
    {
        var now = clock.GetUtcNow();
        var severityBefore = state.State.Severity;
        var opened = IncidentRecord.Apply(state.State, change, policy.For(change.ShipId).Correlate, now, policy.RedactorFor(change.ShipId, "incident_evidence"));
        await state.WriteStateAsync();
        await PublishAsync();
        if (opened)
        {
            using var scope = LogScopes.ForIncident(logger, change.IncidentId, change.ShipId);
            LogOpened(logger, state.State.IncidentType, state.State.Severity, state.State.AnomalyCount);
        }

        if (opened || state.State.Severity > severityBefore)
        {
            RequestInsight(InsightWork.Narrate, now);
        }

        return new IncidentChangeResult(now, opened, state.State.Status);
    }

    public Task<Incident?> GetAsync() =>
        Task.FromResult(state.State.Exists ? IncidentRecord.ToIncident(state.State) : null);

    public async Task<StatusChangeResult?> ChangeStatusAsync(StatusChangeRequest request)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var conflict = IncidentRecord.ChangeStatus(state.State, request, now);
        if (conflict is not null)
        {
            return new StatusChangeResult(null, conflict);
        }

        await state.WriteStateAsync();
        await PublishAsync();
        var incident = state.State;
        GrainFactory.GetGrain<ICorrelationGrain>(ICorrelationGrain.Key(incident.IncidentType, incident.ShipId))
            .OnIncidentStatusChangedAsync(new IncidentStatusChanged
            {
                IncidentId = incident.IncidentId,
                Status = incident.Status,
                ChangedAt = now,
                LastEventTs = incident.LastEventTs,
                SuppressKeys = incident.SuppressKeys.ToList(),
            }).Ignore();
        if (incident.Status == IncidentStatus.Resolved)
        {
            RequestInsight(InsightWork.Learn, now);
        }

        using var scope = LogScopes.ForIncident(logger, incident.IncidentId, incident.ShipId);
        LogStatusChanged(logger, incident.Status, request.Actor);
        return new StatusChangeResult(IncidentRecord.ToIncident(incident), null);
    }

    public async Task ApplyInsightAsync(InsightResult insight)
    {
        if (!state.State.Exists)
        {
            return;
        }

        var incident = state.State;
        incident.Narrative = insight.Narrative;
        incident.Confidence = insight.Confidence;
        incident.InsightSource = insight.Source;
        incident.RunbookRefs = insight.Runbooks.ToList();
        var cited = insight.EvidenceRefs.Count == 0 ? "" : $", citing {string.Join(", ", insight.EvidenceRefs)}";
        incident.Timeline.Add(new TimelineEntry(insight.CompletedAt, "insight",
            $"Insight from {insight.Source}{(insight.Detail is null ? "" : $" ({insight.Detail})")}{cited}", "insight"));
        incident.UpdatedAt = insight.CompletedAt;
        await state.WriteStateAsync();
        await PublishAsync();

        var stage = new TraceStage("insight", insight.CompletedAt, insight.Source, insight.Detail);
        foreach (var group in incident.TrackingIds.GroupBy(id => ITraceBucketGrain.BucketOf(id, policy.TraceBuckets)))
        {
            _ = GrainFactory.GetGrain<ITraceBucketGrain>(group.Key).RecordAsync(group
                .Select(id => new TraceRecord { TrackingId = id, Status = "complete", Stages = [stage], IncidentId = incident.IncidentId })
                .ToList());
        }

        using var scope = LogScopes.ForIncident(logger, incident.IncidentId, incident.ShipId);
        LogInsight(logger, insight.Source, (insight.CompletedAt - insight.RequestedAt).TotalMilliseconds);
    }

    public async Task DeleteAsync()
    {
        await state.ClearStateAsync();
        state.State = new IncidentState();
        _published = null;
        DeactivateOnIdle();
    }

    private async Task PublishAsync()
    {
        analytics.Incident(IncidentRecord.ToIncident(state.State));
        var summary = IncidentRecord.ToSummary(state.State);
        if (summary != _published)
        {
            await GrainFactory.GetGrain<IIncidentCatalogGrain>(IIncidentCatalogGrain.FleetKey).UpsertAsync(summary);
            _published = summary;
        }
    }

    /// <summary>Hands the incident to the Insight Path; never waits (see <see cref="IInsightQueue"/>).</summary>
    private void RequestInsight(InsightWork work, DateTimeOffset now)
    {
        var ship = policy.For(state.State.ShipId);
        if (!ship.Llm.Enabled || !ship.Feature("enable_llm_enrichment"))
        {
            return;
        }

        var priority = ship.Llm.PriorityBySeverity.GetValueOrDefault(state.State.Severity.ToString().ToLowerInvariant(), 5);
        insights.Enqueue(new InsightRequest(state.State.IncidentId, state.State.ShipId, priority, now, work));
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Insight from {Source} written after {LatencyMs} ms")]
    private static partial void LogInsight(ILogger logger, string source, double latencyMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Incident opened: {IncidentType}, severity {Severity}, {AnomalyCount} anomalies")]
    private static partial void LogOpened(ILogger logger, string incidentType, Severity severity, int anomalyCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Incident status changed to {Status} by {Actor}")]
    private static partial void LogStatusChanged(ILogger logger, IncidentStatus status, string actor);
}
