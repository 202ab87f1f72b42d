using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

/// <summary>
/// What correlation decided for one anomaly; <paramref name="SilenceId"/> names the silence that silenced it. For an
/// anomaly that went to an incident, <paramref name="DistanceSec"/> is how far (event time) it lay outside the
/// incident's span (from the opener, or from the fingerprint's last sighting for a duplicate) and
/// <paramref name="Fingerprint"/> its dedup fingerprint: the "why grouped" of the incident.
/// </summary>
public sealed record CorrelationDecision(CorrelationCandidate Candidate, CorrelationVerdict Verdict, string? IncidentId, string? SilenceId = null,
    double DistanceSec = 0, string? Fingerprint = null);
