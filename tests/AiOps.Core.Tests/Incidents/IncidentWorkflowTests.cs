using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Incidents;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Incidents;

public sealed class IncidentWorkflowTests
{
    private static readonly DateTimeOffset Now = Make.T0.AddMinutes(1);
    private static CorrelatePolicy Policy => TestPolicies.Shipped.Correlate;

    private static IncidentState Opened(string id, params AnomalyEnriched[] members)
    {
        var state = new IncidentState();
        IncidentRecord.Apply(state, new IncidentChange
        {
            IncidentId = id,
            IncidentType = "auth_failure",
            ShipId = "ship-a",
            NewMembers = members,
            Reasons = members.Select((m, i) => Reason(m, i == 0 ? "opened" : "joined_window")).ToList(),
        }, Policy, Now);
        return state;
    }

    private static JoinReason Reason(AnomalyEnriched member, string rule) => new()
    {
        TrackingId = member.TrackingId,
        Rule = rule,
        CorrelationKey = "auth_failure/ship-a",
        WindowSec = 600,
        DistanceSec = 0,
        Fingerprint = AiOps.Core.Enrichment.Fingerprint.Of(member),
        EventTs = member.Ts,
    };

    [Fact]
    public void Members_carry_the_reason_they_joined()
    {
        var first = Make.Anomaly(Make.T0);
        var second = Make.Anomaly(Make.T0.AddSeconds(30), device: "db-2");
        var state = Opened("INC-1", first, second);

        Assert.Equal(["opened", "joined_window"], state.WhyGrouped.Select(r => r.Rule));
        Assert.Equal(second.TrackingId, state.WhyGrouped[1].TrackingId);
        Assert.Contains("db-2", state.WhyGrouped[1].Fingerprint);
    }

    [Fact]
    public void Comments_and_assignment_are_kept_with_timeline_entries_and_comments_stop_at_the_cap()
    {
        var state = Opened("INC-1", Make.Anomaly(Make.T0));
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        policy.MaxCommentsPerIncident = 1;

        Assert.Null(IncidentWorkflow.AddComment(state, "erik", "modem rebooted", Now, policy));
        Assert.NotNull(IncidentWorkflow.AddComment(state, "erik", "again", Now, policy));
        Assert.True(IncidentWorkflow.Assign(state, "emma", "erik", Now));
        Assert.False(IncidentWorkflow.Assign(state, "emma", "erik", Now));

        Assert.Equal("erik", Assert.Single(state.Comments).Author);
        Assert.Equal("emma", state.Owner);
        Assert.Equal(["created", "comment", "assigned"], state.Timeline.Select(t => t.Event));
    }

    [Fact]
    public void Only_a_closed_incident_reopens()
    {
        var state = Opened("INC-1", Make.Anomaly(Make.T0));

        Assert.NotNull(IncidentMerging.Reopen(state, "erik", null, Now));
        IncidentRecord.ChangeStatus(state, new StatusChangeRequest(IncidentStatus.Resolved, null, "erik"), Now);
        Assert.Null(IncidentMerging.Reopen(state, "erik", "fired again", Now));

        Assert.Equal(IncidentStatus.Open, state.Status);
        Assert.Null(state.ClosedAt);
        Assert.Equal(1, state.Reopens);
        Assert.Contains("fired again", state.Timeline[^1].Description);
    }

    [Fact]
    public void A_merge_combines_members_evidence_and_timeline_and_closes_the_other_as_merged()
    {
        var into = Opened("INC-1", Make.Anomaly(Make.T0));
        var other = Opened("INC-2", Make.Anomaly(Make.T0.AddSeconds(5), device: "db-9", severity: Severity.Critical), Make.Anomaly(Make.T0.AddSeconds(6), device: "db-8"));

        Assert.Null(IncidentMerging.StartMerge(other, "INC-1", "erik", Now));
        Assert.NotNull(IncidentMerging.StartMerge(other, "INC-1", "erik", Now));
        var handoff = other.PendingHandoff!;
        Assert.True(IncidentMerging.Absorb(into, handoff, Now, Policy));
        // Delivered again after a crash: taken once.
        Assert.False(IncidentMerging.Absorb(into, handoff, Now, Policy));

        Assert.Equal(IncidentStatus.Merged, other.Status);
        Assert.Equal("INC-1", other.MergedInto);
        Assert.NotNull(other.ClosedAt);
        Assert.Equal(3, into.AnomalyCount);
        Assert.Equal(3, into.TrackingIds.Count);
        Assert.Equal(3, into.Evidence.Count);
        Assert.Equal(Severity.Critical, into.Severity);
        Assert.Contains(into.Scope, s => s.DeviceId == "db-9");
        Assert.Contains("INC-2", into.Related);
        Assert.All(into.WhyGrouped.Skip(1), r => Assert.Equal(("merged", "INC-2"), (r.Rule, r.FromIncident)));
        Assert.Equal("merged_in", into.Timeline[^1].Event);
        Assert.Contains(into.Timeline, t => t.Description!.StartsWith("[INC-2]"));
    }

    [Fact]
    public void A_split_moves_listed_members_out_and_keeps_at_least_one()
    {
        var members = new[] { Make.Anomaly(Make.T0), Make.Anomaly(Make.T0.AddSeconds(5), device: "db-9"), Make.Anomaly(Make.T0.AddSeconds(9), device: "db-9") };
        var state = Opened("INC-1", members);

        Assert.Contains("not a member", IncidentMerging.SplitOut(state, ["nope"], "INC-9", "erik", Now));
        Assert.Contains("must stay", IncidentMerging.SplitOut(state, members.Select(m => m.TrackingId).ToList(), "INC-9", "erik", Now));
        Assert.Null(state.PendingHandoff);
        var problem = IncidentMerging.SplitOut(state, [members[1].TrackingId, members[2].TrackingId], "INC-9", "erik", Now);
        var handoff = state.PendingHandoff!;
        var split = new IncidentState();
        IncidentMerging.OpenFromSplit(split, handoff, Now);

        Assert.Null(problem);
        Assert.Contains("still handing members to INC-9", IncidentMerging.SplitOut(state, [members[0].TrackingId], "INC-10", "erik", Now));
        Assert.Equal(("INC-1", "INC-9"), (handoff.FromIncidentId, handoff.ToIncidentId));
        // The moved members' fingerprint (db-9) follows them; the staying member's does not.
        Assert.Equal([AiOps.Core.Enrichment.Fingerprint.Of(members[1])], handoff.Fingerprints);
        Assert.Equal([members[0].TrackingId], state.TrackingIds);
        Assert.Single(state.Evidence);
        Assert.Equal(1, state.AnomalyCount);
        Assert.Contains("INC-9", state.Related);
        Assert.Equal(2, split.AnomalyCount);
        Assert.Equal(2, split.Evidence.Count);
        Assert.Equal([new ScopeEntry("db-9", "orders")], split.Scope);
        Assert.Equal(members[1].Ts, split.FirstEventTs);
        Assert.Equal(members[2].Ts, split.LastEventTs);
        Assert.Equal(IncidentStatus.Open, split.Status);
        Assert.Equal(["INC-1"], split.Related);
    }

    [Fact]
    public void A_split_takes_the_moved_members_alerts_with_them_unless_a_staying_member_came_as_the_same_alert()
    {
        var (a, b, c, d) = (Alert(Make.T0, "f1"), Alert(Make.T0.AddSeconds(2), "f2"), Make.Anomaly(Make.T0.AddSeconds(4)), Alert(Make.T0.AddSeconds(6), "f1"));
        var state = OpenedWithAlerts("INC-1", a, b, c, d);

        Assert.Null(IncidentMerging.SplitOut(state, [b.TrackingId, d.TrackingId], "INC-9", "erik", Now));
        var handoff = state.PendingHandoff!;
        var split = new IncidentState();
        IncidentMerging.OpenFromSplit(split, handoff, Now);

        // f2 leaves with b; f1 stays firing here because a came as it too.
        Assert.Equal(["f1"], state.FiringAlerts);
        Assert.Equal(["f2"], handoff.FiringAlerts);
        Assert.Equal(["f2"], split.FiringAlerts);
        Assert.False(split.HasNonAlertMembers);
        Assert.True(state.HasNonAlertMembers);
        Assert.Equal(new Dictionary<string, string> { [a.TrackingId] = "f1" }, state.MemberAlerts);
        // The split-out incident, made only of alerts, ends when its alert does.
        Assert.True(AlertMembership.Resolve(split, ["f2"], Now));
    }

    [Fact]
    public void A_split_out_log_member_gives_the_new_incident_no_claim_to_end_by_its_alerts()
    {
        var (a, c) = (Alert(Make.T0, "f1"), Make.Anomaly(Make.T0.AddSeconds(4)));
        var state = OpenedWithAlerts("INC-1", a, c);

        Assert.Null(IncidentMerging.SplitOut(state, [c.TrackingId], "INC-9", "erik", Now));

        Assert.True(state.PendingHandoff!.HasNonAlertMembers);
        Assert.Empty(state.PendingHandoff.FiringAlerts);
        Assert.Equal(["f1"], state.FiringAlerts);
    }

    private static AnomalyEnriched Alert(DateTimeOffset ts, string fingerprint) => Make.Anomaly(ts) with { AlertFingerprint = fingerprint };

    private static IncidentState OpenedWithAlerts(string id, params AnomalyEnriched[] members)
    {
        var state = Opened(id, members);
        AlertMembership.Note(state, new IncidentChange { IncidentId = id, IncidentType = "auth_failure", ShipId = "ship-a", NewMembers = members });
        return state;
    }

    [Fact]
    public void A_resolved_incident_reopens_when_its_key_fires_again_within_the_reopen_window_and_not_after()
    {
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        policy.ReopenWindowSec = 600;
        var engine = new CorrelationEngine(policy, _ => $"INC-{Guid.NewGuid():N}");
        var state = new CorrelationState();
        var opened = engine.Correlate(state, [Make.Candidate(Make.Anomaly(Make.T0))])[0];
        engine.OnStatusChanged(state, Resolved(opened.IncidentId!, Make.T0.AddSeconds(30)));

        var again = engine.Correlate(state, [Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(300), device: "db-2"))])[0];
        engine.OnStatusChanged(state, Resolved(opened.IncidentId!, Make.T0.AddSeconds(400)));
        var late = engine.Correlate(state, [Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(400 + 601), device: "db-3"))])[0];

        Assert.Equal((CorrelationVerdict.Reopened, opened.IncidentId), (again.Verdict, again.IncidentId));
        Assert.Equal(CorrelationVerdict.Opened, late.Verdict);
        Assert.NotEqual(opened.IncidentId, late.IncidentId);
    }

    [Fact]
    public void Anomalies_of_a_merged_incidents_key_go_to_the_incident_that_took_it()
    {
        var engine = new CorrelationEngine(Policy, _ => "INC-2");
        var state = new CorrelationState();
        var first = Make.Anomaly(Make.T0);
        engine.Correlate(state, [Make.Candidate(first)]);
        engine.OnStatusChanged(state, Resolved("INC-2", Now) with { Status = IncidentStatus.Merged, MergedInto = "INC-1" });

        var joined = engine.Correlate(state, [Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(10), device: "db-2"))])[0];
        var duplicate = engine.Correlate(state, [Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(11)))])[0];

        Assert.Equal((CorrelationVerdict.Joined, "INC-1"), (joined.Verdict, joined.IncidentId));
        Assert.Equal((CorrelationVerdict.Duplicate, "INC-1"), (duplicate.Verdict, duplicate.IncidentId));
        Assert.Equal(AiOps.Core.Enrichment.Fingerprint.Of(first), duplicate.Fingerprint);
    }

    private static IncidentStatusChanged Resolved(string id, DateTimeOffset at) => new()
    {
        IncidentId = id,
        Status = IncidentStatus.Resolved,
        ChangedAt = at,
        LastEventTs = Make.T0,
        SuppressKeys = [],
    };
}
