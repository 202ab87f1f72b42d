using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Incidents;

/// <summary>The filters of <c>GET /api/v3/incidents</c>.</summary>
public static class IncidentFilter
{
    public static IEnumerable<IncidentSummary> Apply(IEnumerable<IncidentSummary> incidents, IncidentQuery query)
    {
        var search = query.Search?.Trim().ToLowerInvariant();
        return incidents.Where(s =>
            (query.Severities.Count == 0 || query.Severities.Contains(s.Severity))
            && (query.Status is null || s.Status == query.Status)
            && (query.ShipId is null || s.ShipId == query.ShipId)
            && (query.IncidentType is null || s.IncidentType == query.IncidentType)
            && (query.Since is null || s.CreatedAt >= query.Since)
            && (string.IsNullOrEmpty(search) || s.SearchText.Contains(search, StringComparison.Ordinal)));
    }
}
