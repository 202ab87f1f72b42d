namespace AiOps.Contracts.Pipeline;

[GenerateSerializer, Immutable, Alias("aiops.incident-query.v1")]
public sealed record IncidentQuery
{
    [Id(0)] public IReadOnlyList<Severity> Severities { get; init; } = [];
    [Id(1)] public IncidentStatus? Status { get; init; }
    [Id(2)] public string? ShipId { get; init; }
    [Id(3)] public string? IncidentType { get; init; }
    [Id(4)] public string? Search { get; init; }
    [Id(5)] public DateTimeOffset? Since { get; init; }
    [Id(6)] public int Page { get; init; } = 1;
    [Id(7)] public int PerPage { get; init; } = 50;
}
