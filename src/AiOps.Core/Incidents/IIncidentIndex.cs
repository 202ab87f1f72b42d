using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Incidents;

/// <summary>
/// The searchable list of incident summaries, newest first (created time, then id, both descending). Each
/// incident writes its own row whenever its summary changes, so a write costs the one incident, never the fleet:
/// SQLite in the data directory on one box, Redis sorted sets in a cluster (the silos and the API-only front end
/// read the same one). The full incidents stay in their own grains.
/// </summary>
public interface IIncidentIndex
{
    /// <summary>Writes the incident's summary, replacing the one it had; completes once it is durable.</summary>
    Task UpsertAsync(IncidentSummary summary, CancellationToken cancellationToken = default);

    /// <summary>Ids of the matching incidents, newest first, for one page, with the number matching.</summary>
    Task<IncidentPage> QueryAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts of the incidents created since a time, by severity, type and status.</summary>
    Task<IncidentBreakdown> BreakdownAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closed incidents whose closing is older than their ship's cutoff (or the fleet's). Open and acknowledged
    /// incidents never are. The caller deletes their state, then <see cref="RemoveAsync"/>s them.
    /// </summary>
    Task<IReadOnlyList<string>> ExpiredAsync(IReadOnlyDictionary<string, DateTimeOffset> cutoffByShip, DateTimeOffset fleetCutoff,
        CancellationToken cancellationToken = default);

    /// <summary>Removes incidents from the list (retention, once their state is gone).</summary>
    Task RemoveAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken = default);

    /// <summary>Throws when the index does not answer (readiness).</summary>
    Task ProbeAsync(CancellationToken cancellationToken = default);
}
