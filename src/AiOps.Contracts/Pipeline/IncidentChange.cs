using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>What correlation decided for one incident in one batch: new members and duplicates.</summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-change.v1")]
public sealed record IncidentChange
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required string IncidentType { get; init; }
    [Id(2)] public required string ShipId { get; init; }
    [Id(3)] public IReadOnlyList<AnomalyEnriched> NewMembers { get; init; } = [];
    [Id(4)] public IReadOnlyList<AnomalyEnriched> Duplicates { get; init; } = [];

    /// <summary>Why each new member and duplicate joined (by tracking id).</summary>
    [Id(5)] public IReadOnlyList<JoinReason> Reasons { get; init; } = [];

    /// <summary>The incident was resolved and its key fired again within <c>reopen_window_sec</c>: it reopens.</summary>
    [Id(6)] public bool Reopen { get; init; }
}
