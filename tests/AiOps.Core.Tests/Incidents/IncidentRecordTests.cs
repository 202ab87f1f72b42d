using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Incidents;

public sealed class IncidentRecordTests
{
    private static readonly DateTimeOffset Now = Make.T0.AddSeconds(1);

    private static IncidentState Opened(string type = "auth_failure", Severity memberSeverity = Severity.Low)
    {
        var state = new IncidentState();
        IncidentRecord.Apply(state, new IncidentChange
        {
            IncidentId = "INC-1",
            IncidentType = type,
            ShipId = "ship-a",
            NewMembers = [Make.Anomaly(Make.T0, severity: memberSeverity)],
        }, TestPolicies.Shipped.Correlate, Now);
        return state;
    }

    [Fact]
    public void Opening_sets_keys_scope_evidence_and_the_severity_floor()
    {
        var state = Opened("link_degradation", Severity.Medium);

        Assert.True(state.Exists);
        Assert.Equal(IncidentStatus.Open, state.Status);
        Assert.Equal(Severity.High, state.Severity); // severity_map floor for link_degradation
        Assert.Equal("link_degradation:ship-a:db-1:orders", state.SuppressKey);
        Assert.Equal(5, state.CorrKeys.Count);
        Assert.Single(state.Scope);
        Assert.StartsWith("/api/v3/trace/", Assert.Single(state.Evidence).Ref);
        Assert.Equal("created", Assert.Single(state.Timeline).Event);
        Assert.Equal(1, state.AnomalyCount);
    }

    [Fact]
    public void Members_raise_severity_and_evidence_stops_at_the_cap_while_counts_go_on()
    {
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        policy.MaxEventsPerIncident = 3;
        var state = Opened();
        var members = Enumerable.Range(1, 5).Select(i => Make.Anomaly(Make.T0.AddSeconds(i), device: $"d{i}", severity: Severity.Critical)).ToList();

        IncidentRecord.Apply(state, new IncidentChange { IncidentId = "INC-1", IncidentType = "auth_failure", ShipId = "ship-a", NewMembers = members }, policy, Now);

        Assert.Equal(Severity.Critical, state.Severity);
        Assert.Equal(3, state.Evidence.Count);
        Assert.Equal(6, state.AnomalyCount);
        Assert.Equal(6, state.Scope.Count);
        Assert.Contains(state.Timeline, t => t.Event == "severity_raised");
    }

    [Fact]
    public void Duplicates_are_counted_not_added_as_evidence()
    {
        var state = Opened();

        IncidentRecord.Apply(state, new IncidentChange
        {
            IncidentId = "INC-1", IncidentType = "auth_failure", ShipId = "ship-a",
            Duplicates = [Make.Anomaly(Make.T0.AddSeconds(30)), Make.Anomaly(Make.T0.AddSeconds(60))],
        }, TestPolicies.Shipped.Correlate, Now);

        Assert.Equal(2, state.DuplicateCount);
        Assert.Equal(1, state.AnomalyCount);
        Assert.Single(state.Evidence);
        Assert.Equal(Make.T0.AddSeconds(60), state.LastEventTs);
    }

    [Fact]
    public void A_change_replayed_after_a_crash_is_applied_once()
    {
        // The correlation grain can die after this incident was written but before its own state was; it then
        // sends the same members and duplicates again. Each tracking id counts once.
        var state = Opened();
        var change = new IncidentChange
        {
            IncidentId = "INC-1", IncidentType = "auth_failure", ShipId = "ship-a",
            NewMembers = [Make.Anomaly(Make.T0.AddSeconds(5), device: "d2")],
            Duplicates = [Make.Anomaly(Make.T0.AddSeconds(30))],
        };

        IncidentRecord.Apply(state, change, TestPolicies.Shipped.Correlate, Now);
        IncidentRecord.Apply(state, change, TestPolicies.Shipped.Correlate, Now);

        Assert.Equal((2, 1), (state.AnomalyCount, state.DuplicateCount));
        Assert.Equal(2, state.Scope.Count);
    }

    [Theory]
    [InlineData(IncidentStatus.Open, IncidentStatus.Ack, true)]
    [InlineData(IncidentStatus.Open, IncidentStatus.Resolved, true)]
    [InlineData(IncidentStatus.Open, IncidentStatus.Suppressed, true)]
    [InlineData(IncidentStatus.Ack, IncidentStatus.Resolved, true)]
    [InlineData(IncidentStatus.Ack, IncidentStatus.Ack, false)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.Ack, false)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.Open, false)]
    [InlineData(IncidentStatus.Suppressed, IncidentStatus.Resolved, true)]
    public void Status_transitions_follow_the_lifecycle(IncidentStatus from, IncidentStatus to, bool allowed) =>
        Assert.Equal(allowed, IncidentTransitions.IsAllowed(from, to));

    [Fact]
    public void A_status_change_adds_a_timeline_entry_and_an_owner_on_ack()
    {
        var state = Opened();

        var conflict = IncidentRecord.ChangeStatus(state, new StatusChangeRequest(IncidentStatus.Ack, "looking", "alice"), Now);
        var illegal = IncidentRecord.ChangeStatus(state, new StatusChangeRequest(IncidentStatus.Ack, null, "bob"), Now);

        Assert.Null(conflict);
        Assert.Equal("alice", state.Owner);
        Assert.Equal("ack", state.Timeline[^1].Event);
        Assert.Contains("looking", state.Timeline[^1].Description);
        Assert.Contains("cannot become ack", illegal);
    }
}
