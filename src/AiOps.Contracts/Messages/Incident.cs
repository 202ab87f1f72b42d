namespace AiOps.Contracts.Messages;

/// <summary>An incident as the API shows it (IncidentCreated in the V3 contracts).</summary>
[GenerateSerializer, Immutable, Alias("aiops.incident.v3")]
public sealed record Incident : BaseMessage
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required string IncidentType { get; init; }
    [Id(2)] public required Severity Severity { get; init; }
    [Id(3)] public required IncidentStatus Status { get; init; }
    [Id(4)] public required IReadOnlyList<ScopeEntry> Scope { get; init; }
    [Id(5)] public required IReadOnlyList<string> CorrKeys { get; init; }
    [Id(6)] public required string SuppressKey { get; init; }
    [Id(7)] public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    [Id(8)] public required IReadOnlyList<Evidence> Evidence { get; init; }
    [Id(9)] public IReadOnlyList<RunbookRef> RunbookRefs { get; init; } = [];
    [Id(10)] public string? Narrative { get; init; }
    [Id(11)] public Confidence? Confidence { get; init; }
    [Id(12)] public string? InsightSource { get; init; }
    [Id(13)] public string? Owner { get; init; }
    [Id(14)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(15)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(16)] public required int AnomalyCount { get; init; }
    [Id(17)] public required int DuplicateCount { get; init; }
    [Id(18)] public required IReadOnlyList<string> TrackingIds { get; init; }

    /// <summary>Event time of the first and the last member anomaly (the incident's correlation span).</summary>
    [Id(19)] public required DateTimeOffset FirstEventTs { get; init; }
    [Id(20)] public required DateTimeOffset LastEventTs { get; init; }

    [Id(21)] public IReadOnlyList<IncidentComment> Comments { get; init; } = [];

    /// <summary>Each member's (and duplicate's) join reason, bounded like <c>tracking_ids</c>.</summary>
    [Id(22)] public IReadOnlyList<JoinReason> WhyGrouped { get; init; } = [];

    /// <summary>Incidents linked as related, or merged into this one.</summary>
    [Id(23)] public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>The incident this one was merged into (status <c>merged</c>).</summary>
    [Id(24)] public string? MergedInto { get; init; }
}
