using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Grains.Monitoring;
using AiOps.Grains.Services;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Incidents;

/// <summary>One incident: its state survives restarts; the catalog gets its summary whenever that changes.</summary>
public sealed partial class IncidentGrain(
    [PersistentState("incident", StorageNames.Durable)] IPersistentState<IncidentState> state,
    PolicyRuntime policy,
    TimeProvider clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain
{
    private IncidentSummary? _published;

    public async Task<IncidentChangeResult> ApplyAsync(IncidentChange change)
    {
        var now = clock.GetUtcNow();
        var opened = IncidentRecord.Apply(state.State, change, policy.For(change.ShipId).Correlate, now, policy.RedactorFor(change.ShipId, "incident_evidence"));
        await state.WriteStateAsync();
        await PublishAsync();
        if (opened)
        {
            using var scope = LogScopes.ForIncident(logger, change.IncidentId, change.ShipId);
            LogOpened(logger, state.State.IncidentType, state.State.Severity, state.State.AnomalyCount);
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
        using var scope = LogScopes.ForIncident(logger, incident.IncidentId, incident.ShipId);
        LogStatusChanged(logger, incident.Status, request.Actor);
        return new StatusChangeResult(IncidentRecord.ToIncident(incident), null);
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
        var summary = IncidentRecord.ToSummary(state.State);
        if (summary != _published)
        {
            await GrainFactory.GetGrain<IIncidentCatalogGrain>(IIncidentCatalogGrain.FleetKey).UpsertAsync(summary);
            _published = summary;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Incident opened: {IncidentType}, severity {Severity}, {AnomalyCount} anomalies")]
    private static partial void LogOpened(ILogger logger, string incidentType, Severity severity, int anomalyCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Incident status changed to {Status} by {Actor}")]
    private static partial void LogStatusChanged(ILogger logger, IncidentStatus status, string actor);
}
