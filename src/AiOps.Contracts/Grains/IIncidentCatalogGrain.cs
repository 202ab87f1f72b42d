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

    /// <summary>
    /// Removes closed incidents whose closing is older than their ship's cutoff (or the fleet's), and returns
    /// their ids so that their own state can be removed too. Open and acknowledged incidents are kept.
    /// </summary>
    Task<IReadOnlyList<string>> PurgeAsync(IReadOnlyDictionary<string, DateTimeOffset> cutoffByShip, DateTimeOffset fleetCutoff);
}
