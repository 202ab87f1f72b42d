namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.enrichment-completed.v3")]
public sealed record EnrichmentCompleted : BaseMessage
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required string Narrative { get; init; }
    [Id(2)] public required Confidence Confidence { get; init; }
    [Id(3)] public required IReadOnlyList<string> EvidenceRefs { get; init; }
    [Id(4)] public IReadOnlyList<RunbookRef> Runbooks { get; init; } = [];
    [Id(5)] public bool CacheHit { get; init; }
    [Id(6)] public required int LlmLatencyMs { get; init; }
    [Id(7)] public required int TokenCount { get; init; }
}
