using AiOps.Contracts;

namespace AiOps.Core.Insight;

/// <summary>A narrative with its confidence and only citations that exist in the context it was given.</summary>
public sealed record InsightDraft(string Narrative, Confidence Confidence, IReadOnlyList<string> EvidenceRefs, IReadOnlyList<string> RunbookIds);
