using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>One incident (key: incident id): status, scope, timeline, evidence and member tracking ids.</summary>
[Alias("aiops.incident-grain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident on its first change, or adds members and duplicates to it.</summary>
    Task<IncidentChangeResult> ApplyAsync(IncidentChange change);

    /// <summary>The incident, or null when no incident has this id.</summary>
    Task<Incident?> GetAsync();

    /// <summary>
    /// Moves the incident to a new status, or says why that transition is not allowed. Called by the incident's
    /// correlation key (<see cref="ICorrelationGrain.ChangeIncidentStatusAsync"/>), which applies the answer's
    /// <see cref="StatusChangeResult.StatusChanged"/>: an incident never calls upstream.
    /// </summary>
    Task<StatusChangeResult?> ChangeStatusAsync(StatusChangeRequest request);

    /// <summary>Adds a comment by <paramref name="author"/>; null when no incident has this id.</summary>
    Task<StatusChangeResult?> CommentAsync(string author, string text);

    /// <summary>Sets the owner explicitly (null clears it).</summary>
    Task<StatusChangeResult?> AssignAsync(string? owner, string actor);

    /// <summary>Reopens a resolved or suppressed incident, or says why not (called by its correlation key, as above).</summary>
    Task<StatusChangeResult?> ReopenAsync(string actor, string? comment);

    /// <summary>Records another incident as related.</summary>
    Task<StatusChangeResult?> LinkAsync(string otherId, string actor);

    /// <summary>
    /// Closes this incident as merged into <paramref name="intoId"/> and gives it every member; answers the incident
    /// that took them. Recorded here first and delivered until taken: when the other cannot be reached, the answer
    /// is <c>Pending</c> and the move finishes by itself (a reminder, or this incident's next activation). Called by
    /// its correlation key, as above.
    /// </summary>
    Task<StatusChangeResult?> MergeIntoAsync(string intoId, string actor);

    /// <summary>Takes the members, evidence, timeline and comments a merged incident gives; taking them twice changes nothing.</summary>
    Task<StatusChangeResult?> AbsorbAsync(IncidentHandoff handoff);

    /// <summary>
    /// Moves members out into the new incident <paramref name="newId"/> (and their repeats with them); answers the
    /// new incident, or <c>Pending</c> as for a merge. The answer's <see cref="StatusChangeResult.MovedOut"/> is the
    /// handoff once delivered; one delivered later is answered with the next <see cref="ApplyAsync"/> instead.
    /// </summary>
    Task<StatusChangeResult?> SplitOutAsync(IReadOnlyList<string> trackingIds, string newId, string actor);

    /// <summary>Opens this (new) incident from the part another one split out; applying it again changes nothing.</summary>
    Task<Incident?> OpenFromSplitAsync(IncidentHandoff handoff);

    /// <summary>Writes an insight onto the incident (narrative, confidence, runbooks, source, timeline entry).</summary>
    Task ApplyInsightAsync(InsightResult insight);

    /// <summary>The resolved incident asked for at <paramref name="requestedAt"/> is now in the knowledge the model retrieves from.</summary>
    Task LearnedAsync(DateTimeOffset requestedAt);

    /// <summary>
    /// Outbox entries due now, leased to the caller for <paramref name="lease"/> so a second pump does not get
    /// them too; an empty list and false when nothing at all is pending any more. Then, if the caller found the
    /// incident listed on the dispatcher shard <paramref name="listedBy"/>, the incident takes itself off it in
    /// the same turn, where no transition can list it again in between. Entries on a channel that
    /// <paramref name="rateWaits"/> says must wait (by <c>NotificationGate.RateWaitKey</c>) are not due until then;
    /// <c>NextDueAt</c> says when the first entry not due now will be.
    /// </summary>
    Task<(IReadOnlyList<OutboxEntry> Due, bool AnyPending, DateTimeOffset? NextDueAt)> TakeDueNotificationsAsync(
        TimeSpan lease, string? listedBy = null, IReadOnlyDictionary<string, DateTimeOffset>? rateWaits = null);

    /// <summary>
    /// Records how a notification went: done (sent, digested, quiet, not configured) or retry at a time; a failure
    /// is retried with backoff until give_up_after, then dead-lettered. Answers the entry's state after it, or null
    /// when the report changed nothing.
    /// </summary>
    Task<string?> RecordNotificationAsync(string key, string state, string? detail, DateTimeOffset? retryAt);

    /// <summary>
    /// Puts a dead-lettered notification back to work (a fresh give_up_after from now). The entry is null when
    /// the incident has no such notification; Retried is false when it is not dead-lettered.
    /// </summary>
    Task<(OutboxEntry? Entry, bool Retried)> RetryNotificationAsync(string key, string actor);

    /// <summary>
    /// Member alerts that their senders resolved. When none of the incident's alerts fires any more and it has
    /// no other members, it resolves itself if correlate.yaml <c>auto_resolve_on_alerts_resolved</c> says so, and
    /// answers that change for its correlation key (null when its status stayed).
    /// </summary>
    Task<IncidentStatusChanged?> AlertsResolvedAsync(IReadOnlyList<string> fingerprints, DateTimeOffset resolvedAt);

    /// <summary>Removes the incident's stored state (retention).</summary>
    Task DeleteAsync();
}
