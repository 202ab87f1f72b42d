using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// The searchable list of incidents (key: <see cref="FleetKey"/>). Incidents are few next to events, so one
/// catalog serves the list and the breakdowns; the full incidents stay in their own grains.
/// </summary>
public interface IIncidentCatalogGrain : IGrainWithStringKey
{
    const string FleetKey = "fleet";

    Task UpsertAsync(IncidentSummary summary);

    /// <summary>Ids of the matching incidents, newest first, for one page.</summary>
    Task<IncidentPage> QueryAsync(IncidentQuery query);

    /// <summary>Counts of the incidents created since a time, by severity, type and status.</summary>
    Task<IncidentBreakdown> BreakdownAsync(DateTimeOffset since);
}
