using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>What the Insight Path wrote for an incident, and how: <c>llm</c>, <c>cache</c> or <c>fallback</c>.</summary>
[GenerateSerializer, Immutable, Alias("aiops.insight-result.v1")]
public sealed record InsightResult
{
    [Id(0)] public required string Narrative { get; init; }
    [Id(1)] public required Confidence Confidence { get; init; }
    [Id(2)] public IReadOnlyList<string> EvidenceRefs { get; init; } = [];
    [Id(3)] public IReadOnlyList<RunbookRef> Runbooks { get; init; } = [];
    [Id(4)] public required string Source { get; init; }
    [Id(5)] public required DateTimeOffset RequestedAt { get; init; }
    [Id(6)] public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Why a fallback was used (timeout, circuit open, unusable answer, no model configured, queue full).</summary>
    [Id(7)] public string? Detail { get; init; }

    /// <summary>The incident's severity when the insight was written; a rise since keeps the incident owed an insight.</summary>
    [Id(8)] public Severity? WrittenForSeverity { get; init; }
}
