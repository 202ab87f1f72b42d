using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;

namespace AiOps.Grains.Incidents;

/// <summary>The searchable list of incident summaries, newest first.</summary>
public sealed class IncidentCatalogGrain(
    [PersistentState("catalog", StorageNames.Durable)] IPersistentState<IncidentCatalogState> state) : Grain, IIncidentCatalogGrain
{
    public async Task UpsertAsync(IncidentSummary summary)
    {
        state.State.Incidents[summary.IncidentId] = summary;
        await state.WriteStateAsync();
    }

    public Task<IncidentPage> QueryAsync(IncidentQuery query)
    {
        var matches = IncidentFilter.Apply(state.State.Incidents.Values, query)
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.IncidentId, StringComparer.Ordinal)
            .ToList();
        var page = matches.Skip((query.Page - 1) * query.PerPage).Take(query.PerPage).Select(s => s.IncidentId).ToList();
        return Task.FromResult(new IncidentPage(page, matches.Count));
    }

    public async Task<IReadOnlyList<string>> PurgeAsync(IReadOnlyDictionary<string, DateTimeOffset> cutoffByShip, DateTimeOffset fleetCutoff)
    {
        var expired = state.State.Incidents.Values
            .Where(s => s.ClosedAt is { } closed && closed < cutoffByShip.GetValueOrDefault(s.ShipId, fleetCutoff))
            .Select(s => s.IncidentId)
            .ToList();
        if (expired.Count > 0)
        {
            foreach (var id in expired)
            {
                state.State.Incidents.Remove(id);
            }

            await state.WriteStateAsync();
        }

        return expired;
    }

    public Task<IncidentBreakdown> BreakdownAsync(DateTimeOffset since)
    {
        var recent = state.State.Incidents.Values.Where(s => s.CreatedAt >= since).ToList();
        return Task.FromResult(new IncidentBreakdown
        {
            Total = recent.Count,
            BySeverity = Enum.GetValues<Severity>().ToDictionary(v => v.ToString().ToLowerInvariant(), v => recent.Count(s => s.Severity == v)),
            ByStatus = Enum.GetValues<IncidentStatus>().ToDictionary(v => IncidentTransitions.Name(v), v => recent.Count(s => s.Status == v)),
            ByType = recent.GroupBy(s => s.IncidentType).ToDictionary(g => g.Key, g => g.Count()),
        });
    }
}
