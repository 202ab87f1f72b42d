using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// Holds the correlation windows, dedup fingerprints and suppression keys of one correlation key
/// (<c>{incident_type}/{ship_id}</c>), and opens or extends incidents.
/// </summary>
[Alias("aiops.correlation-grain")]
public interface ICorrelationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Correlates anomalies in event-time order and applies the outcome to incidents. Returns the latest event
    /// time among the anomalies that went to an incident, for the caller's enrichment context.
    /// </summary>
    Task<DateTimeOffset?> CorrelateAsync(IReadOnlyList<CorrelationCandidate> candidates);

    /// <summary>
    /// An operator's status change of one of this key's incidents. The key owns the incident's window: it asks the
    /// incident, then applies the answer (closes the window of a resolved incident, suppresses the keys of a
    /// suppressed one) before the next correlation, so the next event already sees the new status. Null when no
    /// incident has the id.
    /// </summary>
    [Alias("change-incident-status")]
    Task<StatusChangeResult?> ChangeIncidentStatusAsync(string incidentId, StatusChangeRequest request);

    /// <summary>Reopens a resolved or suppressed incident of this key, and its window with it.</summary>
    [Alias("reopen-incident")]
    Task<StatusChangeResult?> ReopenIncidentAsync(string incidentId, string actor, string? comment);

    /// <summary>
    /// Merges an incident of this key into <paramref name="intoId"/> (see <see cref="IIncidentGrain.MergeIntoAsync"/>):
    /// from then on the merged incident's window and fingerprints feed the other one.
    /// </summary>
    [Alias("merge-incident")]
    Task<StatusChangeResult?> MergeIncidentAsync(string incidentId, string intoId, string actor);

    /// <summary>
    /// Splits members of an incident of this key out into the new incident <paramref name="newId"/> (see
    /// <see cref="IIncidentGrain.SplitOutAsync"/>): the repeats of their fingerprints and alerts then go to the new
    /// one, whose window opens where its members lie.
    /// </summary>
    [Alias("split-incident")]
    Task<StatusChangeResult?> SplitIncidentAsync(string incidentId, IReadOnlyList<string> trackingIds, string newId, string actor);

    /// <summary>
    /// Alerts (Alertmanager fingerprints) whose senders resolved them: each incident they went to hears of it,
    /// and may resolve itself by policy.
    /// </summary>
    [Alias("alerts-resolved")]
    Task AlertsResolvedAsync(IReadOnlyList<string> fingerprints, DateTimeOffset resolvedAt);

    /// <summary>
    /// Keeps the traces of every correlation finished so far (this grain's silo writes them behind). A service grain
    /// calls it before it saves a journal position or acknowledges a delivery, so that no event is confirmed done
    /// without its trace, while a correlation itself does not wait for the trace store.
    /// </summary>
    [Alias("flush-traces")]
    Task FlushTracesAsync();

    /// <summary>Correlation key of an incident type on a ship.</summary>
    static string Key(string incidentType, string shipId) => $"{incidentType}/{shipId}";
}
