using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

/// <summary>Splits the outcome of calls correlated together back into each call's answer.</summary>
public static class CorrelationBatches
{
    /// <summary>
    /// For each call, the latest event time among its anomalies that went to an incident (null when none did):
    /// what <c>ICorrelationGrain.CorrelateAsync</c> answers, as if the call had run alone.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset?> LatestJoinedPerCall(
        IReadOnlyList<IReadOnlyList<CorrelationCandidate>> calls, IReadOnlyList<CorrelationDecision> decisions)
    {
        var joined = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            if (decision.Verdict is not (CorrelationVerdict.Pending or CorrelationVerdict.Suppressed or CorrelationVerdict.Silenced))
            {
                joined[decision.Candidate.Anomaly.TrackingId] = decision.Candidate.Anomaly.Ts;
            }
        }

        var answers = new DateTimeOffset?[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            foreach (var candidate in calls[i])
            {
                if (joined.TryGetValue(candidate.Anomaly.TrackingId, out var ts) && (answers[i] is null || ts > answers[i]))
                {
                    answers[i] = ts;
                }
            }
        }

        return answers;
    }
}
