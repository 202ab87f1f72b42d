using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Core.Incidents;

/// <summary>What the Insight Path, the notification pump and the operator's handoffs write onto an incident, and how its timeline says so.</summary>
public static class IncidentTimeline
{
    /// <summary>The insight's narrative, confidence, source and runbooks, and a timeline entry citing its evidence.</summary>
    public static void ApplyInsight(IncidentState incident, InsightResult insight)
    {
        incident.Narrative = insight.Narrative;
        incident.Confidence = insight.Confidence;
        incident.InsightSource = insight.Source;
        incident.RunbookRefs = insight.Runbooks.ToList();
        var cited = insight.EvidenceRefs.Count == 0 ? "" : $", citing {string.Join(", ", insight.EvidenceRefs)}";
        incident.Timeline.Add(new TimelineEntry(insight.CompletedAt, "insight",
            $"Insight from {insight.Source}{(insight.Detail is null ? "" : $" ({insight.Detail})")}{cited}", "insight"));
        incident.UpdatedAt = insight.CompletedAt;
        InsightDebt.SettleNarrative(incident, insight.WrittenForSeverity);
    }

    /// <summary>
    /// How a notification went, as the timeline tells it: sent, dead-lettered, or the first failure of a series of
    /// retries (once, not per attempt: a day-long outage would otherwise fill the timeline).
    /// </summary>
    public static void NotificationRecorded(IncidentState incident, OutboxEntry entry, string outcome, NotifyPolicy notify, DateTimeOffset now)
    {
        var what = $"via {entry.Channel} ({entry.Transition})";
        if (entry.State == OutboxState.Sent)
        {
            incident.Timeline.Add(new TimelineEntry(now, "notification", $"Notified {what}", "notify"));
        }
        else if (entry.State == OutboxState.Failed)
        {
            incident.Timeline.Add(new TimelineEntry(now, "notification",
                $"Notification failed {what}: given up after {entry.Attempts} attempts (give_up_after {notify.GiveUpAfter}) and dead-lettered; " +
                $"an engineer can retry it. Last error: {entry.LastError}", "notify"));
        }
        else if (outcome == OutboxState.Failed && entry.Attempts == 1)
        {
            incident.Timeline.Add(new TimelineEntry(now, "notification_retrying",
                $"Notification {what} failed ({entry.LastError}); retrying with backoff until {Outbox.DeadlineOf(entry, notify):u}", "notify"));
        }
    }

    public static void NotificationRetryAsked(IncidentState incident, OutboxEntry entry, string actor, DateTimeOffset now) =>
        incident.Timeline.Add(new TimelineEntry(now, "notification_retry",
            $"Retry of the notification via {entry.Channel} ({entry.Transition}) asked for by {actor}", "notify"));

    /// <summary>The other incident of a merge or split refused the members (or is gone): they stay on this one.</summary>
    public static void HandoffRefused(IncidentState incident, IncidentHandoff handoff, string reason, DateTimeOffset now) =>
        incident.Timeline.Add(new TimelineEntry(now, "handoff_refused",
            $"{handoff.ToIncidentId} did not take the members ({reason}); they stay here", "workflow"));
}
