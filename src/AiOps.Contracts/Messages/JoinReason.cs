namespace AiOps.Contracts.Messages;

/// <summary>
/// Why one anomaly is part of an incident: the correlation key and rule that put it there, the window that admitted
/// it, how far (event time) it lay outside the incident's span when it came, and its dedup fingerprint.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.join-reason.v1")]
public sealed record JoinReason
{
    [Id(0)] public required string TrackingId { get; init; }

    /// <summary><c>opened</c>, <c>joined_window</c>, <c>duplicate</c>, <c>merged</c> or <c>reopened</c>.</summary>
    [Id(1)] public required string Rule { get; init; }

    [Id(2)] public required string CorrelationKey { get; init; }
    [Id(3)] public required int WindowSec { get; init; }

    /// <summary>Event-time distance to the incident's span when it joined (0 inside it), or to the fingerprint's last sighting for a duplicate.</summary>
    [Id(4)] public required double DistanceSec { get; init; }
    [Id(5)] public required string Fingerprint { get; init; }
    [Id(6)] public required DateTimeOffset EventTs { get; init; }

    /// <summary>The incident it came from, for members moved by a merge.</summary>
    [Id(7)] public string? FromIncident { get; init; }
}
