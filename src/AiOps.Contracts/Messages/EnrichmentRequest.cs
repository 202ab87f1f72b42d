namespace AiOps.Contracts.Messages;

/// <summary>Asks the Insight Path for a narrative of an incident.</summary>
[GenerateSerializer, Immutable, Alias("aiops.enrichment-request.v3")]
public sealed record EnrichmentRequest : BaseMessage
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required string IncidentType { get; init; }
    [Id(2)] public required Severity Severity { get; init; }
    [Id(3)] public required IReadOnlyList<ScopeEntry> Scope { get; init; }
    [Id(4)] public required IReadOnlyList<string> EvidenceRefs { get; init; }

    /// <summary>1..10, higher first.</summary>
    [Id(5)] public int Priority { get; init; } = 5;
}
