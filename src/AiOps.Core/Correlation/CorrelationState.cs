using AiOps.Contracts.Pipeline;
using AiOps.Core.Storage;

namespace AiOps.Core.Correlation;

/// <summary>The state of one correlation key: incident windows, dedup fingerprints, suppressions, pending anomalies.</summary>
/// <remarks>
/// An alert storm makes the fingerprints, the firing alerts and the correlated ids large (megabytes), while one
/// pass changes a little of them: they are tracked, so that storage can write a pass's changes rather than the
/// whole state (<see cref="IIncrementalState"/>). The other parts stay small and go whole with each change.
/// </remarks>
[GenerateSerializer, Alias("aiops.correlation-state.v1")]
public sealed class CorrelationState : IIncrementalState
{
    [Id(0)] public List<IncidentWindow> Windows { get; set; } = [];

    /// <summary>Dedup fingerprints: the incident each went to and when it was last seen.</summary>
    [field: NonSerialized]
    public TrackedMap<SeenFingerprint> Fingerprints { get; set; } = new();

    [Id(2)] public Dictionary<string, Suppression> Suppressions { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<CorrelationCandidate> Pending { get; set; } = [];

    /// <summary>The latest event time seen: what "old" means for pruning, independent of the wall clock.</summary>
    [Id(4)] public DateTimeOffset Watermark { get; set; }

    /// <summary>Tracking ids already correlated: an event delivered twice is correlated once.</summary>
    [Id(5)] public Pipeline.RecentIds Correlated { get; set; } = new();

    /// <summary>Resolved incidents of this key that may still reopen, by incident id.</summary>
    [Id(6)] public Dictionary<string, ClosedIncident> Closed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The incident each firing alert (by Alertmanager fingerprint) went to, until it resolves or the incident closes.</summary>
    [field: NonSerialized]
    public TrackedMap<string> AlertIncidents { get; set; } = new();

    /// <summary>
    /// Decisions by tracking id, saved before their incidents were told (write-ahead) and dropped once told: when
    /// telling fails or the grain dies, the caller's retry brings the same events and they are told as decided,
    /// instead of being decided afresh, which (the events may come back in another order) could open a second
    /// incident beside one already told. Telling an incident twice is harmless: it skips members it has.
    /// </summary>
    [field: NonSerialized]
    public Dictionary<string, SavedDecision> Undelivered { get; set; } = new(StringComparer.Ordinal);

    // The large maps as stored, in the compact format (see CompactMap); the Legacy fields below read what the Orleans
    // serializer wrote for them before.
    [Id(11)]
    public ReadOnlyMemory<byte> StoredFingerprints
    {
        get => CompactMap.Write<SeenFingerprint, SeenFingerprintFormat>(Fingerprints.Items, []);
        set => Fingerprints.SetAll(CompactMap.Read<SeenFingerprint, SeenFingerprintFormat>(value.Span).Set);
    }

    [Id(12)]
    public ReadOnlyMemory<byte> StoredAlertIncidents
    {
        get => CompactMap.Write<string, StringFormat>(AlertIncidents.Items, []);
        set => AlertIncidents.SetAll(CompactMap.Read<string, StringFormat>(value.Span).Set);
    }

    [Id(13)]
    public ReadOnlyMemory<byte> StoredUndelivered
    {
        get => CompactMap.Write<SavedDecision, SavedDecisionFormat>(Undelivered, []);
        set => Undelivered = CompactMap.Read<SavedDecision, SavedDecisionFormat>(value.Span).Set;
    }

    /// <summary>Fingerprints as states written before the compact format held them (field 9); read only.</summary>
    [Id(9)]
    public TrackedMap<SeenFingerprint>? LegacyTrackedFingerprints
    {
        get => null;
        set => Fingerprints.SetAll(value?.Items);
    }

    /// <summary>Firing alerts as states written before the compact format held them (field 10); read only.</summary>
    [Id(10)]
    public TrackedMap<string>? LegacyTrackedAlertIncidents
    {
        get => null;
        set => AlertIncidents.SetAll(value?.Items);
    }

    /// <summary>Undelivered decisions as states written before the compact format held them (field 8); read only.</summary>
    [Id(8)]
    public Dictionary<string, SavedDecision>? LegacyUndelivered
    {
        get => null;
        set
        {
            if (value is not null)
            {
                Undelivered = new Dictionary<string, SavedDecision>(value, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Fingerprints as states written before they were tracked held them (field 1); read only.</summary>
    [Id(1)]
    public Dictionary<string, SeenFingerprint>? LegacyFingerprints
    {
        get => null;
        set => Fingerprints.SetAll(value);
    }

    /// <summary>Firing alerts as states written before they were tracked held them (field 7); read only.</summary>
    [Id(7)]
    public Dictionary<string, string>? LegacyAlertIncidents
    {
        get => null;
        set => AlertIncidents.SetAll(value);
    }

    public object? TakeChanges()
    {
        if (Fingerprints.TakeChanges() is not { } fingerprints || AlertIncidents.TakeChanges() is not { } alerts)
        {
            return null;
        }

        return new CorrelationChanges
        {
            Windows = Windows,
            Fingerprints = fingerprints,
            Suppressions = Suppressions,
            Pending = Pending,
            Watermark = Watermark,
            Correlated = Correlated.TakeChanges(),
            Closed = Closed,
            AlertIncidents = alerts,
            Undelivered = Undelivered,
        };
    }

    public void ApplyChanges(object changes)
    {
        var change = (CorrelationChanges)changes;
        Windows = change.Windows;
        Fingerprints.ApplyChanges(change.Fingerprints);
        Suppressions = change.Suppressions;
        Pending = change.Pending;
        Watermark = change.Watermark;
        Correlated.ApplyChanges(change.Correlated);
        Closed = change.Closed;
        AlertIncidents.ApplyChanges(change.AlertIncidents);
        Undelivered = change.Undelivered;
    }

    public void ChangesSaved()
    {
        Fingerprints.ChangesSaved();
        AlertIncidents.ChangesSaved();
        Correlated.ChangesSaved();
    }
}
