namespace AiOps.Contracts.Pipeline;

/// <summary>An incident closed, was suppressed, reopened or merged: its correlation key makes its window and keys follow.</summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-status-changed.v1")]
public sealed record IncidentStatusChanged
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required IncidentStatus Status { get; init; }
    [Id(2)] public required DateTimeOffset ChangedAt { get; init; }
    [Id(3)] public required DateTimeOffset LastEventTs { get; init; }
    [Id(4)] public required IReadOnlyList<string> SuppressKeys { get; init; }

    /// <summary>For a merged incident: the one that took its members (and now its window and fingerprints).</summary>
    [Id(5)] public string? MergedInto { get; init; }
}
