using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>
/// Members one incident gives to another: all of them when it is merged in, some when they are split out into a
/// new incident. The giving incident writes it with its own change and delivers it until the other has it, so a
/// crash between the two incidents delays the move but never loses it.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-handoff.v1")]
public sealed record IncidentHandoff
{
    public const string Merge = "merge";
    public const string Split = "split";

    /// <summary><see cref="Merge"/> or <see cref="Split"/>.</summary>
    [Id(0)] public required string Kind { get; init; }

    [Id(1)] public required string FromIncidentId { get; init; }
    [Id(2)] public required string ToIncidentId { get; init; }

    /// <summary>What the other incident takes (merge) or starts from (split).</summary>
    [Id(3)] public required Incident Part { get; init; }

    [Id(4)] public required string Actor { get; init; }
    [Id(5)] public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Dedup fingerprints whose repeats now belong to the other incident (split; a merge moves them all).</summary>
    [Id(6)] public IReadOnlyList<string> Fingerprints { get; init; } = [];

    /// <summary>Alertmanager fingerprints of member alerts still firing that move with the members.</summary>
    [Id(7)] public IReadOnlyList<string> FiringAlerts { get; init; } = [];

    /// <summary>Whether any moved member came from a log or metric rather than an alert.</summary>
    [Id(8)] public bool HasNonAlertMembers { get; init; }

    /// <summary>The alert each moved member came as, by tracking id (see <c>IncidentState.MemberAlerts</c>).</summary>
    [Id(9)] public IReadOnlyDictionary<string, string> MemberAlerts { get; init; } = new Dictionary<string, string>();
}
