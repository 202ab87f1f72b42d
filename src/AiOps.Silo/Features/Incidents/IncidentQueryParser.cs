using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;

namespace AiOps.Silo.Features.Incidents;

/// <summary>Reads the list filters of <c>GET /api/v3/incidents</c>; every error names its parameter.</summary>
public static class IncidentQueryParser
{
    public const int MaxPerPage = 200;

    private static readonly string[] Known = ["severity", "status", "ship_id", "type", "search", "since", "page", "per_page"];

    public static (IncidentQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        var unknown = query.Keys.FirstOrDefault(k => !Known.Contains(k));
        if (unknown is not null)
        {
            return (null, $"unknown query parameter '{unknown}'; use {string.Join(", ", Known)}");
        }

        var severities = new List<Severity>();
        foreach (var name in Split(query["severity"]))
        {
            if (!Enum.TryParse<Severity>(name, ignoreCase: true, out var severity) || !Enum.IsDefined(severity) || int.TryParse(name, out _))
            {
                return (null, $"severity: '{name}' is not one of low, medium, high, critical");
            }

            severities.Add(severity);
        }

        IncidentStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (!Enum.TryParse<IncidentStatus>(statusText, ignoreCase: true, out var parsed) || int.TryParse(statusText, out _))
            {
                return (null, $"status: '{statusText}' is not one of open, ack, resolved, suppressed");
            }

            status = parsed;
        }

        DateTimeOffset? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            if (!UtcTimestampConverter.TryParse(sinceText, out var parsed))
            {
                return (null, $"since: '{sinceText}' is not an ISO-8601 timestamp");
            }

            since = parsed;
        }

        if (!TryPositive(query["page"], 1, int.MaxValue, out var page))
        {
            return (null, "page: must be a whole number from 1");
        }

        if (!TryPositive(query["per_page"], 50, MaxPerPage, out var perPage))
        {
            return (null, $"per_page: must be a whole number from 1 to {MaxPerPage}");
        }

        return (new IncidentQuery
        {
            Severities = severities,
            Status = status,
            ShipId = Text(query["ship_id"]),
            IncidentType = Text(query["type"]),
            Search = Text(query["search"]),
            Since = since,
            Page = page,
            PerPage = perPage,
        }, null);
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryPositive(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, out value) && value >= 1 && value <= max);
    }
}
