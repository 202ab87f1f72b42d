namespace AiOps.Contracts.Pipeline;

/// <summary>Incidents created in a time range, counted by their current severity, type and status.</summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-breakdown.v1")]
public sealed record IncidentBreakdown
{
    [Id(0)] public required int Total { get; init; }
    [Id(1)] public required IReadOnlyDictionary<string, int> BySeverity { get; init; }
    [Id(2)] public required IReadOnlyDictionary<string, int> ByType { get; init; }
    [Id(3)] public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
}
