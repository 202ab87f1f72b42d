using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;

namespace AiOps.Core.Tests.Correlation;

public sealed class CorrelationOutcomeTests
{
    private static readonly CorrelationCandidate First = Make.Candidate(Make.Anomaly(Make.T0, device: "db-1"));
    private static readonly CorrelationCandidate Repeat = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(30), device: "db-1"));
    private static readonly CorrelationCandidate Quiet = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(40), device: "db-2"));

    private static readonly IReadOnlyList<CorrelationDecision> Decisions =
    [
        new(First, CorrelationVerdict.Opened, "INC-1", Fingerprint: "fp-1"),
        new(Repeat, CorrelationVerdict.Duplicate, "INC-1", DistanceSec: 30.00049, Fingerprint: "fp-1"),
        new(Quiet, CorrelationVerdict.Silenced, null, SilenceId: "sil-1"),
    ];

    [Fact]
    public void Each_incident_reached_gets_one_change_with_its_members_duplicates_and_join_reasons()
    {
        var change = Assert.Single(CorrelationOutcome.ChangesOf(Decisions, "resource_pressure/ship-a", TestPolicies.Shipped.Correlate));

        Assert.Equal("INC-1", change.IncidentId);
        Assert.Equal([First.Anomaly.TrackingId], change.NewMembers.Select(m => m.TrackingId));
        Assert.Equal([Repeat.Anomaly.TrackingId], change.Duplicates.Select(m => m.TrackingId));
        Assert.Equal(["opened", "duplicate"], change.Reasons.Select(r => r.Rule));
        Assert.Equal(30.0, change.Reasons[1].DistanceSec);
        Assert.All(change.Reasons, r => Assert.Equal("resource_pressure/ship-a", r.CorrelationKey));
        Assert.False(change.Reopen);
    }

    [Fact]
    public void A_trace_ends_at_the_incident_that_took_the_anomaly_or_at_correlation_with_its_verdict()
    {
        var correlatedAt = Make.T0.AddSeconds(50);
        var applied = new IncidentChangeResult(correlatedAt.AddMilliseconds(3), Created: true, IncidentStatus.Open);

        var opened = CorrelationOutcome.TraceOf(Decisions[0], correlatedAt, applied);
        var silenced = CorrelationOutcome.TraceOf(Decisions[2], correlatedAt, null);

        Assert.Equal(("complete", "opened"), (opened.Status, opened.Stages[^1].Status));
        Assert.Equal(["ingested", "detected", "enriched", "correlated", "incident"], opened.Stages.Select(s => s.Stage));
        Assert.Equal("silenced", silenced.Status);
        Assert.Equal("correlated", silenced.Stages[^1].Stage);
    }

    [Fact]
    public void The_tally_counts_each_verdict_and_the_fast_path_latency_of_what_an_incident_took()
    {
        var appliedAt = First.IngestedAt.AddMilliseconds(12);
        var tally = CorrelationOutcome.Tally(Decisions, new Dictionary<string, IncidentChangeResult>
        {
            ["INC-1"] = new(appliedAt, Created: true, IncidentStatus.Open),
        });

        Assert.Equal((1, 1, 0, 1), (tally.Opened, tally.Duplicates, tally.Suppressed, tally.Silenced));
        Assert.Equal(2, tally.FastPathLatencies.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(12), tally.FastPathLatencies[0]);
    }
}
