namespace AiOps.Contracts.Pipeline;

/// <summary>A service's batch as the ingest journal numbered it: the number makes a replay after a crash harmless.</summary>
[GenerateSerializer, Immutable, Alias("aiops.journaled-batch.v1")]
public sealed record JournaledBatch(
    [property: Id(0)] long Lsn,
    [property: Id(1)] TelemetryBatch Batch);
