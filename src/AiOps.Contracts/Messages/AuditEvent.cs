namespace AiOps.Contracts.Messages;

/// <summary>Who did what to which resource, and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("aiops.audit-event.v3")]
public sealed record AuditEvent
{
    [Id(0)] public required DateTimeOffset Ts { get; init; }
    [Id(1)] public required string TrackingId { get; init; }
    [Id(2)] public required string ShipId { get; init; }
    [Id(3)] public required string User { get; init; }
    [Id(4)] public required string Action { get; init; }
    [Id(5)] public required string Resource { get; init; }
    [Id(6)] public required string Status { get; init; }
    [Id(7)] public required IReadOnlyDictionary<string, string> Details { get; init; }
    [Id(8)] public string? Error { get; init; }
}
