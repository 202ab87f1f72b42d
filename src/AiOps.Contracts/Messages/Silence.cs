namespace AiOps.Contracts.Messages;

/// <summary>
/// A silence: while active, anomalies its matchers all match open no incident and send no notification.
/// <c>state</c> (pending, active, expired) is computed when the silence is read.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.silence.v1")]
public sealed record Silence
{
    [Id(0)] public required string SilenceId { get; init; }
    [Id(1)] public required IReadOnlyList<SilenceMatcher> Matchers { get; init; }
    [Id(2)] public required DateTimeOffset StartsAt { get; init; }
    [Id(3)] public required DateTimeOffset EndsAt { get; init; }
    [Id(4)] public string? Comment { get; init; }
    [Id(5)] public required string CreatedBy { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(8)] public long MatchedCount { get; init; }
    [Id(9)] public string State { get; init; } = "";
    [Id(10)] public string? ExpiredBy { get; init; }
}
