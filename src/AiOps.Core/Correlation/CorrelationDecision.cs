using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

/// <summary>What correlation decided for one anomaly; <paramref name="SilenceId"/> names the silence that silenced it.</summary>
public sealed record CorrelationDecision(CorrelationCandidate Candidate, CorrelationVerdict Verdict, string? IncidentId, string? SilenceId = null);
