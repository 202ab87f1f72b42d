namespace AiOps.Grains.Audit;

/// <summary>What a bucket remembers of a sealed chunk: enough to skip it when a query cannot find anything in it.</summary>
[GenerateSerializer, Immutable, Alias("aiops.audit-chunk-info.v1")]
public sealed record AuditChunkInfo(
    [property: Id(0)] int Index,
    [property: Id(1)] DateTimeOffset MinTs,
    [property: Id(2)] DateTimeOffset MaxTs);
