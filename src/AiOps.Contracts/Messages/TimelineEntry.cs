namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.timeline-entry.v3")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset Ts,
    [property: Id(1)] string Event,
    [property: Id(2)] string? Description,
    [property: Id(3)] string? Source);
