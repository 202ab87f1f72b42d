namespace AiOps.Contracts.Pipeline;

/// <summary>
/// What applying a correlation decision did to an incident. <paramref name="MovedOut"/>: members a split moved out of
/// it that its correlation key has not heard of yet (the split's delivery was delayed and finished by itself); the
/// key moves their fingerprints and alerts, as it does when the split is delivered at once.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-change-result.v1")]
public sealed record IncidentChangeResult(
    [property: Id(0)] DateTimeOffset AppliedAt,
    [property: Id(1)] bool Created,
    [property: Id(2)] IncidentStatus Status,
    [property: Id(3)] IReadOnlyList<IncidentHandoff>? MovedOut = null);
