using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

/// <summary>The state of one correlation key: incident windows, dedup fingerprints, suppressions, pending anomalies.</summary>
[GenerateSerializer, Alias("aiops.correlation-state.v1")]
public sealed class CorrelationState
{
    [Id(0)] public List<IncidentWindow> Windows { get; set; } = [];
    [Id(1)] public Dictionary<string, SeenFingerprint> Fingerprints { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, Suppression> Suppressions { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<CorrelationCandidate> Pending { get; set; } = [];

    /// <summary>The latest event time seen: what "old" means for pruning, independent of the wall clock.</summary>
    [Id(4)] public DateTimeOffset Watermark { get; set; }

    /// <summary>Tracking ids already correlated: an event delivered twice is correlated once.</summary>
    [Id(5)] public Pipeline.RecentIds Correlated { get; set; } = new();

    /// <summary>Resolved incidents of this key that may still reopen, by incident id.</summary>
    [Id(6)] public Dictionary<string, ClosedIncident> Closed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The incident each firing alert (by Alertmanager fingerprint) went to, until it resolves or the incident closes.</summary>
    [Id(7)] public Dictionary<string, string> AlertIncidents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Decisions by tracking id, saved before their incidents were told (write-ahead) and dropped once told: when
    /// telling fails or the grain dies, the caller's retry brings the same events and they are told as decided,
    /// instead of being decided afresh, which (the events may come back in another order) could open a second
    /// incident beside one already told. Telling an incident twice is harmless: it skips members it has.
    /// </summary>
    [Id(8)] public Dictionary<string, SavedDecision> Undelivered { get; set; } = new(StringComparer.Ordinal);
}
