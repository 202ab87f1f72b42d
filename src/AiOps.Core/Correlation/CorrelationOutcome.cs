using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;

namespace AiOps.Core.Correlation;

/// <summary>
/// What a correlation pass's decisions become: the change each incident is told, each anomaly's trace, and the
/// counts and latencies the stats and metrics take. Pure, so the grain only sends, writes and records them.
/// </summary>
public static class CorrelationOutcome
{
    private static readonly string[] VerdictNames = Enum.GetValues<CorrelationVerdict>().Select(v => v.ToString().ToLowerInvariant()).ToArray();

    /// <summary>The verdict's lower-case name (trace status, metric tag), built once rather than per decision.</summary>
    public static string NameOf(CorrelationVerdict verdict) => VerdictNames[(int)verdict];

    /// <summary>One change per incident the decisions reach (members, duplicates, why each joined, whether it reopens).</summary>
    public static List<IncidentChange> ChangesOf(IReadOnlyList<CorrelationDecision> decisions, string correlationKey, CorrelatePolicy policy) =>
        decisions
            .Where(d => d.IncidentId is not null && d.Verdict is CorrelationVerdict.Opened or CorrelationVerdict.Joined or CorrelationVerdict.Duplicate or CorrelationVerdict.Reopened)
            .GroupBy(d => d.IncidentId!)
            .Select(group => new IncidentChange
            {
                IncidentId = group.Key,
                IncidentType = group.First().Candidate.IncidentType,
                ShipId = group.First().Candidate.Anomaly.ShipId,
                NewMembers = group.Where(d => d.Verdict != CorrelationVerdict.Duplicate).Select(d => d.Candidate.Anomaly).ToList(),
                Duplicates = group.Where(d => d.Verdict == CorrelationVerdict.Duplicate).Select(d => d.Candidate.Anomaly).ToList(),
                Reasons = group.Select(d => JoinReasonOf(d, correlationKey, policy)).ToList(),
                Reopen = group.Any(d => d.Verdict == CorrelationVerdict.Reopened),
            })
            .ToList();

    public static JoinReason JoinReasonOf(CorrelationDecision decision, string correlationKey, CorrelatePolicy policy) => new()
    {
        TrackingId = decision.Candidate.Anomaly.TrackingId,
        Rule = decision.Verdict switch
        {
            CorrelationVerdict.Opened => "opened",
            CorrelationVerdict.Duplicate => "duplicate",
            CorrelationVerdict.Reopened => "reopened",
            _ => "joined_window",
        },
        CorrelationKey = correlationKey,
        WindowSec = (int)policy.WindowFor(decision.Candidate.IncidentType).TotalSeconds,
        DistanceSec = Math.Round(decision.DistanceSec, 3),
        Fingerprint = decision.Fingerprint ?? "",
        EventTs = decision.Candidate.Anomaly.Ts,
    };

    /// <summary>The anomaly's stages from ingest to its incident (when one took it), with the verdict as its status.</summary>
    public static TraceRecord TraceOf(CorrelationDecision decision, DateTimeOffset correlatedAt, IncidentChangeResult? applied)
    {
        var candidate = decision.Candidate;
        var verdict = NameOf(decision.Verdict);
        var enrichmentFailed = candidate.Anomaly.Tags.Contains(Enrichment.Enricher.ErrorTag);
        var stages = new List<TraceStage>(5)
        {
            new("ingested", candidate.IngestedAt, "ok"),
            new("detected", candidate.DetectedAt, "anomaly"),
            new("enriched", candidate.EnrichedAt, enrichmentFailed ? "degraded" : "ok", enrichmentFailed ? "enrichment failed; severity medium" : null),
            new("correlated", correlatedAt, verdict),
        };
        if (applied is not null)
        {
            stages.Add(new TraceStage("incident", applied.AppliedAt, applied.Created ? "opened" : decision.Verdict == CorrelationVerdict.Duplicate ? "duplicate_counted" : "updated"));
        }

        return new TraceRecord
        {
            TrackingId = candidate.Anomaly.TrackingId,
            Status = decision.Verdict switch
            {
                CorrelationVerdict.Opened or CorrelationVerdict.Joined or CorrelationVerdict.Reopened => "complete",
                _ => verdict,
            },
            Stages = stages,
            IncidentId = decision.IncidentId,
        };
    }

    /// <summary>Counts of a pass, and the Fast Path latency (ingest to incident) of each anomaly an incident took.</summary>
    public static CorrelationTally Tally(IReadOnlyList<CorrelationDecision> decisions, IReadOnlyDictionary<string, IncidentChangeResult> applied)
    {
        var latencies = new List<TimeSpan>();
        foreach (var decision in decisions)
        {
            if (decision.IncidentId is not null && applied.TryGetValue(decision.IncidentId, out var result))
            {
                latencies.Add(result.AppliedAt - decision.Candidate.IngestedAt);
            }
        }

        return new CorrelationTally(
            Opened: applied.Values.Count(r => r.Created),
            Duplicates: decisions.Count(d => d.Verdict == CorrelationVerdict.Duplicate),
            Suppressed: decisions.Count(d => d.Verdict == CorrelationVerdict.Suppressed),
            Silenced: decisions.Count(d => d.SilenceId is not null),
            FastPathLatencies: latencies);
    }
}
