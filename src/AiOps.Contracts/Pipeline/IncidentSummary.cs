namespace AiOps.Contracts.Pipeline;

/// <summary>The fields the incident list filters and sorts on.</summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-summary.v1")]
public sealed record IncidentSummary
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required string IncidentType { get; init; }
    [Id(2)] public required string ShipId { get; init; }
    [Id(3)] public required Severity Severity { get; init; }
    [Id(4)] public required IncidentStatus Status { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Lower-cased text the <c>search</c> filter matches: id, type, ship, scope, evidence.</summary>
    [Id(6)] public required string SearchText { get; init; }

    /// <summary>When the incident was resolved or suppressed; retention removes closed incidents by this.</summary>
    [Id(7)] public DateTimeOffset? ClosedAt { get; init; }
}
