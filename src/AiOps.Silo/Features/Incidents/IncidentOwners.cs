using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// Where an operator's change of an incident goes. Status changes, reopen, merge and split go through the
/// correlation key that owns the incident's window, which applies the incident's answer before its next event; no
/// grain calls one upstream of it. The services whose log templates an acknowledged or resolved incident holds are
/// told here, by the operator's request, for the same reason.
/// </summary>
internal static class IncidentOwners
{
    /// <summary>The correlation key of the incident, or null when no incident has the id.</summary>
    public static async Task<ICorrelationGrain?> OfAsync(IGrainFactory grains, string incidentId) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).GetAsync() is { } incident
            ? grains.GetGrain<ICorrelationGrain>(ICorrelationGrain.Key(incident.IncidentType, incident.ShipId))
            : null;

    /// <summary>
    /// After an acknowledgement or resolution: the incident's templates are no longer chronic noise in their services.
    /// Not awaited: a lost call only leaves a template scored as chronic a while longer.
    /// </summary>
    public static void TellServicesTheirTemplatesWereActedOn(IGrainFactory grains, Incident incident)
    {
        if (incident.Status is not (IncidentStatus.Ack or IncidentStatus.Resolved))
        {
            return;
        }

        foreach (var service in incident.Evidence.Where(e => e.TemplateId is not null && e.Service is not null).GroupBy(e => e.Service!))
        {
            grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(incident.ShipId, service.Key))
                .MarkTemplatesActedOnAsync(service.Select(e => e.TemplateId!.Value).Distinct().ToList()).Ignore();
        }
    }
}
