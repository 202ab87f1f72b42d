namespace AiOps.Core.Pipeline;

[GenerateSerializer, Immutable, Alias("aiops.journal-position.v1")]
public sealed record JournalPosition([property: Id(0)] long Lsn, [property: Id(1)] DateTimeOffset SeenAt);
