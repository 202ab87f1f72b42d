using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

public sealed record CorrelationDecision(CorrelationCandidate Candidate, CorrelationVerdict Verdict, string? IncidentId);
