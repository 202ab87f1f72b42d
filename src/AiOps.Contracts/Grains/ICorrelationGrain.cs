using AiOps.Contracts.Pipeline;
using Orleans.Concurrency;

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
    /// Closes the window of a resolved incident, or suppresses the keys of a suppressed one. One-way: the
    /// incident grain must not wait on a correlation grain that may itself be waiting on the incident.
    /// </summary>
    [OneWay]
    Task OnIncidentStatusChangedAsync(IncidentStatusChanged change);

    /// <summary>
    /// Members an operator split out into a new incident: the repeats of their fingerprints and alerts now go to the
    /// new one, whose window opens where its members lie. One-way for the same reason as status changes.
    /// </summary>
    [OneWay]
    [Alias("members-moved")]
    Task OnMembersMovedAsync(IncidentHandoff handoff);

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
