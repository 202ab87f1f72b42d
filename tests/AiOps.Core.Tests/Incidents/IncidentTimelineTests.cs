using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;

namespace AiOps.Core.Tests.Incidents;

public sealed class IncidentTimelineTests
{
    private static readonly DateTimeOffset Now = Make.T0.AddMinutes(5);

    private static OutboxEntry Entry(string state, int attempts, string? error = null) => new()
    {
        Key = "k1", Channel = "slack", IncidentId = "INC-1", ShipId = "ship-a", IncidentType = "link_degradation",
        Transition = "opened", Severity = Severity.Critical, Status = IncidentStatus.Open, CreatedAt = Make.T0,
        State = state, Attempts = attempts, LastError = error,
    };

    [Fact]
    public void A_notification_retried_for_hours_says_so_once_and_once_more_when_it_is_given_up()
    {
        var incident = new IncidentState();
        var notify = TestPolicies.Shipped.Notify;

        IncidentTimeline.NotificationRecorded(incident, Entry(OutboxState.Pending, 1, "503"), OutboxState.Failed, notify, Now);
        IncidentTimeline.NotificationRecorded(incident, Entry(OutboxState.Pending, 2, "503"), OutboxState.Failed, notify, Now);
        IncidentTimeline.NotificationRecorded(incident, Entry(OutboxState.Failed, 40, "503"), OutboxState.Failed, notify, Now);
        IncidentTimeline.NotificationRecorded(incident, Entry(OutboxState.Sent, 1), OutboxState.Sent, notify, Now);

        Assert.Equal(["notification_retrying", "notification", "notification"], incident.Timeline.Select(e => e.Event));
        Assert.Contains("dead-lettered", incident.Timeline[1].Description);
        Assert.Equal("Notified via slack (opened)", incident.Timeline[2].Description);
    }

    [Fact]
    public void An_insight_sets_the_narrative_and_cites_its_evidence_on_the_timeline()
    {
        var incident = new IncidentState();

        IncidentTimeline.ApplyInsight(incident, new InsightResult
        {
            Narrative = "Beam 3 lost carrier", Confidence = Confidence.High, Source = "rules", EvidenceRefs = ["ev-1", "ev-2"],
            RequestedAt = Make.T0, CompletedAt = Now,
        });

        Assert.Equal(("Beam 3 lost carrier", "rules", Now), (incident.Narrative, incident.InsightSource, incident.UpdatedAt));
        Assert.Equal("Insight from rules, citing ev-1, ev-2", Assert.Single(incident.Timeline).Description);
    }
}
