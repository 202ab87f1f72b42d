using AiOps.Contracts;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Incidents;

/// <summary>What every <see cref="IIncidentIndex"/> shares: the search needle, the LIKE pattern, the breakdown's shape.</summary>
public static class IncidentIndexing
{
    /// <summary>The text <c>search</c> must find (ordinal, in the lower-cased summary text), or null for no search.</summary>
    public static string? Needle(IncidentQuery query) =>
        query.Search?.Trim().ToLowerInvariant() is { Length: > 0 } needle ? needle : null;

    /// <summary>A LIKE pattern (ESCAPE '\') that contains <paramref name="needle"/> literally: %, _ and \ escaped.</summary>
    public static string ContainsPattern(string needle) =>
        "%" + needle.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The rows to skip before a page (a long: page × per_page can pass int.MaxValue).</summary>
    public static long Offset(IncidentQuery query) => (long)(query.Page - 1) * query.PerPage;

    /// <summary>The breakdown from counts per (severity, status, type) of the incidents created in the range.</summary>
    public static IncidentBreakdown Breakdown(IEnumerable<(Severity Severity, IncidentStatus Status, string Type, int Count)> counts)
    {
        var rows = counts.Where(c => c.Count > 0).ToList();
        return Breakdown(rows.Sum(r => r.Count), rows.Select(r => (r.Severity, r.Count)), rows.Select(r => (r.Status, r.Count)),
            rows.Select(r => (r.Type, r.Count)));
    }

    /// <summary>The breakdown from its margins: every severity and status named (0 when none), types only when present.</summary>
    public static IncidentBreakdown Breakdown(int total, IEnumerable<(Severity Severity, int Count)> bySeverity,
        IEnumerable<(IncidentStatus Status, int Count)> byStatus, IEnumerable<(string Type, int Count)> byType)
    {
        var severities = Enum.GetValues<Severity>().ToDictionary(v => v.ToString().ToLowerInvariant(), _ => 0);
        foreach (var (severity, count) in bySeverity)
        {
            severities[severity.ToString().ToLowerInvariant()] += count;
        }

        var statuses = Enum.GetValues<IncidentStatus>().ToDictionary(IncidentTransitions.Name, _ => 0);
        foreach (var (status, count) in byStatus)
        {
            statuses[IncidentTransitions.Name(status)] += count;
        }

        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (type, count) in byType.Where(t => t.Count > 0))
        {
            types[type] = types.GetValueOrDefault(type) + count;
        }

        return new IncidentBreakdown { Total = total, BySeverity = severities, ByStatus = statuses, ByType = types };
    }

    /// <summary>Whether a closed incident is past its ship's retention (open and acknowledged ones never are).</summary>
    public static bool IsExpired(IncidentSummary summary, IReadOnlyDictionary<string, DateTimeOffset> cutoffByShip, DateTimeOffset fleetCutoff) =>
        summary.ClosedAt is { } closed && closed < cutoffByShip.GetValueOrDefault(summary.ShipId, fleetCutoff);
}
