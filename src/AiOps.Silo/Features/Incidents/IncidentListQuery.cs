using System.ComponentModel.DataAnnotations;
using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Silo.Features.Requests;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Silo.Features.Incidents;

/// <summary>The filters and paging of <c>GET /api/v3/incidents</c>; an unknown parameter is refused by name.</summary>
public sealed record IncidentListQuery : IValidatableObject
{
    public const int MaxPerPage = 200;

    /// <summary>Comma-separated severities, any of which matches.</summary>
    [FromQuery(Name = "severity"), OneOf("low", "medium", "high", "critical", CommaSeparated = true)]
    public string? Severity { get; init; }

    [FromQuery(Name = "status"), OneOf("open", "ack", "resolved", "suppressed", "merged")]
    public string? Status { get; init; }

    [FromQuery(Name = "ship_id")]
    public string? ShipId { get; init; }

    /// <summary>The incident type, e.g. link_degradation.</summary>
    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    /// <summary>Text the incident must contain (case-insensitive).</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }

    /// <summary>Incidents updated at or after this ISO-8601 time.</summary>
    [FromQuery(Name = "since"), IsoTimestamp]
    public string? Since { get; init; }

    [FromQuery(Name = "page"), Between(1, int.MaxValue)]
    public int? Page { get; init; }

    [FromQuery(Name = "per_page"), Between(1, MaxPerPage)]
    public int? PerPage { get; init; }

    /// <summary>The request itself, for the names of the parameters it was sent with.</summary>
    public HttpRequest Request { get; init; } = null!;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        QueryParameters.Unknown<IncidentListQuery>(Request.Query);

    /// <summary>The index's query; valid only once validation has passed.</summary>
    public IncidentQuery ToQuery() => new()
    {
        Severities = (Severity ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.Parse<Severity>(s, ignoreCase: true)).ToList(),
        Status = Status is { Length: > 0 } status ? Enum.Parse<IncidentStatus>(status, ignoreCase: true) : null,
        ShipId = Text(ShipId),
        IncidentType = Text(Type),
        Search = Text(Search),
        Since = Since is { Length: > 0 } since && UtcTimestampConverter.TryParse(since, out var parsed) ? parsed : null,
        Page = Page ?? 1,
        PerPage = PerPage ?? 50,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
