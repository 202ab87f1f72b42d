namespace AiOps.Core.Correlation;

/// <summary>How far a journal's entries of one service have been correlated, and when that position last moved.</summary>
[GenerateSerializer, Immutable, Alias("aiops.source-position.v1")]
public sealed record SourcePosition([property: Id(0)] long Lsn, [property: Id(1)] DateTimeOffset MovedAt);
