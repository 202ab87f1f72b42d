using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

/// <summary>
/// A decision as the correlation state keeps it until its incident has heard of it: everything but the anomaly,
/// which the caller's retry brings again (see <see cref="CorrelationState.Undelivered"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.saved-decision.v1")]
public sealed record SavedDecision(
    [property: Id(0)] CorrelationVerdict Verdict,
    [property: Id(1)] string? IncidentId,
    [property: Id(2)] string? SilenceId,
    [property: Id(3)] double DistanceSec,
    [property: Id(4)] string? Fingerprint,
    [property: Id(5)] DateTimeOffset SavedAt)
{
    public static SavedDecision Of(CorrelationDecision decision, DateTimeOffset now) =>
        new(decision.Verdict, decision.IncidentId, decision.SilenceId, decision.DistanceSec, decision.Fingerprint, now);

    public CorrelationDecision For(CorrelationCandidate candidate) =>
        new(candidate, Verdict, IncidentId, SilenceId, DistanceSec, Fingerprint);
}
