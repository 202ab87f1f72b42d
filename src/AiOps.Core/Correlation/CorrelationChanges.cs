using AiOps.Contracts.Pipeline;
using AiOps.Core.Pipeline;
using AiOps.Core.Storage;

namespace AiOps.Core.Correlation;

/// <summary>
/// What one write of a <see cref="CorrelationState"/> changed: the large, growing parts (fingerprints, firing
/// alerts, correlated ids) as their changes, the small ones whole.
/// </summary>
[GenerateSerializer, Alias("aiops.correlation-changes.v1")]
public sealed class CorrelationChanges
{
    [Id(0)] public List<IncidentWindow> Windows { get; set; } = [];
    [field: NonSerialized]
    public MapChanges<SeenFingerprint> Fingerprints { get; set; } = new();
    [Id(2)] public Dictionary<string, Suppression> Suppressions { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<CorrelationCandidate> Pending { get; set; } = [];
    [Id(4)] public DateTimeOffset Watermark { get; set; }
    [Id(5)] public required RecentIdsChanges Correlated { get; set; }
    [Id(6)] public Dictionary<string, ClosedIncident> Closed { get; set; } = new(StringComparer.Ordinal);

    [field: NonSerialized]
    public MapChanges<string> AlertIncidents { get; set; } = new();

    [field: NonSerialized]
    public Dictionary<string, SavedDecision> Undelivered { get; set; } = new(StringComparer.Ordinal);

    // The large parts as stored, in the compact format (see CompactMap); the Legacy fields below read what the Orleans
    // serializer wrote for them before.
    [Id(9)]
    public ReadOnlyMemory<byte> StoredFingerprints
    {
        get => CompactMap.Write<SeenFingerprint, SeenFingerprintFormat>(Fingerprints.Set, Fingerprints.Removed);
        set => Fingerprints = CompactMap.Read<SeenFingerprint, SeenFingerprintFormat>(value.Span);
    }

    [Id(10)]
    public ReadOnlyMemory<byte> StoredAlertIncidents
    {
        get => CompactMap.Write<string, StringFormat>(AlertIncidents.Set, AlertIncidents.Removed);
        set => AlertIncidents = CompactMap.Read<string, StringFormat>(value.Span);
    }

    [Id(11)]
    public ReadOnlyMemory<byte> StoredUndelivered
    {
        get => CompactMap.Write<SavedDecision, SavedDecisionFormat>(Undelivered, []);
        set => Undelivered = CompactMap.Read<SavedDecision, SavedDecisionFormat>(value.Span).Set;
    }

    [Id(1)]
    public MapChanges<SeenFingerprint>? LegacyFingerprints
    {
        get => null;
        set => Fingerprints = value ?? Fingerprints;
    }

    [Id(7)]
    public MapChanges<string>? LegacyAlertIncidents
    {
        get => null;
        set => AlertIncidents = value ?? AlertIncidents;
    }

    [Id(8)]
    public Dictionary<string, SavedDecision>? LegacyUndelivered
    {
        get => null;
        set => Undelivered = value is null ? Undelivered : new Dictionary<string, SavedDecision>(value, StringComparer.Ordinal);
    }
}
