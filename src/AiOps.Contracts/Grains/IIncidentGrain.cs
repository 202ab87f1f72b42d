using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>One incident (key: incident id): status, scope, timeline, evidence and member tracking ids.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident on its first change, or adds members and duplicates to it.</summary>
    Task<IncidentChangeResult> ApplyAsync(IncidentChange change);

    /// <summary>The incident, or null when no incident has this id.</summary>
    Task<Incident?> GetAsync();

    /// <summary>Moves the incident to a new status, or says why that transition is not allowed.</summary>
    Task<StatusChangeResult?> ChangeStatusAsync(StatusChangeRequest request);

    /// <summary>Writes an insight onto the incident (narrative, confidence, runbooks, source, timeline entry).</summary>
    Task ApplyInsightAsync(InsightResult insight);

    /// <summary>The resolved incident asked for at <paramref name="requestedAt"/> is now in the knowledge the model retrieves from.</summary>
    Task LearnedAsync(DateTimeOffset requestedAt);

    /// <summary>
    /// Outbox entries due now, leased to the caller for <paramref name="lease"/> so a second pump does not get
    /// them too; an empty list and false when nothing at all is pending any more.
    /// </summary>
    Task<(IReadOnlyList<OutboxEntry> Due, bool AnyPending)> TakeDueNotificationsAsync(TimeSpan lease);

    /// <summary>Records how a notification went: done (sent, digested, quiet, not configured, failed) or retry at a time.</summary>
    Task RecordNotificationAsync(string key, string state, string? detail, DateTimeOffset? retryAt);

    /// <summary>
    /// Member alerts that their senders resolved. When none of the incident's alerts fires any more and it has
    /// no other members, it resolves itself if correlate.yaml <c>auto_resolve_on_alerts_resolved</c> says so.
    /// </summary>
    Task AlertsResolvedAsync(IReadOnlyList<string> fingerprints, DateTimeOffset resolvedAt);

    /// <summary>Removes the incident's stored state (retention).</summary>
    Task DeleteAsync();
}
