using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Storage;

namespace AiOps.Core.Incidents;

/// <summary>The persisted state of one incident.</summary>
[GenerateSerializer, Alias("aiops.incident-state.v1")]
public sealed class IncidentState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string IncidentId { get; set; } = "";
    [Id(2)] public string IncidentType { get; set; } = "";
    [Id(3)] public string ShipId { get; set; } = "";
    [Id(4)] public string TrackingId { get; set; } = "";
    [Id(5)] public Severity Severity { get; set; }
    [Id(6)] public IncidentStatus Status { get; set; }
    [Id(7)] public List<ScopeEntry> Scope { get; set; } = [];
    [Id(8)] public List<string> CorrKeys { get; set; } = [];
    [Id(9)] public string SuppressKey { get; set; } = "";
    [Id(10)] public List<string> SuppressKeys { get; set; } = [];
    [Id(11)] public List<TimelineEntry> Timeline { get; set; } = [];
    [Id(12)] public List<Evidence> Evidence { get; set; } = [];
    [Id(13)] public DateTimeOffset CreatedAt { get; set; }
    [Id(14)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(15)] public int AnomalyCount { get; set; }
    [Id(16)] public int DuplicateCount { get; set; }
    [Id(17)] public List<string> TrackingIds { get; set; } = [];
    [Id(18)] public DateTimeOffset FirstEventTs { get; set; }
    [Id(19)] public DateTimeOffset LastEventTs { get; set; }
    [Id(20)] public string? Owner { get; set; }
    [Id(21)] public string? Narrative { get; set; }
    [Id(22)] public Confidence? Confidence { get; set; }
    [Id(23)] public string? InsightSource { get; set; }
    [Id(24)] public List<RunbookRef> RunbookRefs { get; set; } = [];
    [Id(25)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Notifications of this incident's transitions, written with the transition itself (the outbox).</summary>
    [Id(26)] public List<OutboxEntry> Outbox { get; set; } = [];

    /// <summary>
    /// Tracking ids of the members and duplicates applied lately. A change replayed after a crash (the
    /// correlation grain died after this incident was written, before its own state was) is applied once.
    /// </summary>
    [Id(27)] public Pipeline.RecentIds Applied { get; set; } = new();

    /// <summary>Insight work asked for and not yet done, written with the change that asked for it (see <see cref="InsightDebt"/>).</summary>
    [Id(28)] public List<OwedInsight> OwedInsights { get; set; } = [];

    [Id(29)] public List<IncidentComment> Comments { get; set; } = [];

    /// <summary>Join reasons of members and duplicates, bounded by <c>max_tracking_ids_per_incident</c>.</summary>
    [Id(30)] public List<JoinReason> WhyGrouped { get; set; } = [];

    [Id(31)] public List<string> Related { get; set; } = [];
    [Id(32)] public string? MergedInto { get; set; }

    /// <summary>How often the incident was reopened (by hand or because its key fired again).</summary>
    [Id(33)] public int Reopens { get; set; }

    /// <summary>Alertmanager fingerprints of member alerts still firing (see <see cref="AlertMembership"/>).</summary>
    [field: NonSerialized]
    public List<string> FiringAlerts { get; set; } = [];

    /// <summary>Whether any member came from a log or metric rather than an alert.</summary>
    [Id(35)] public bool HasNonAlertMembers { get; set; }

    /// <summary>Members given to another incident (merge or split) that it has not yet confirmed taking.</summary>
    [Id(36)] public IncidentHandoff? PendingHandoff { get; set; }

    /// <summary>Incidents merged into this one, so a handoff delivered twice is taken once.</summary>
    [Id(37)] public List<string> MergedFrom { get; set; } = [];

    /// <summary>
    /// The alert (Alertmanager fingerprint) each alert member came as, by tracking id, so that a split can take a
    /// member's alert with it. Bounded like <see cref="FiringAlerts"/>; a member missing here counts as a log or metric.
    /// </summary>
    [field: NonSerialized]
    public Dictionary<string, string> MemberAlerts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Splits delivered after the call that asked for them had answered (a reminder or an activation finished them):
    /// the next answer to the correlation key carries them, since an incident does not call upstream.
    /// </summary>
    [Id(39)] public List<IncidentHandoff> UntoldMoves { get; set; } = [];

    // The two lists an alert storm fills (up to 10,000 entries each) as stored, in the compact format: the Orleans
    // serializer tracked each of their strings for reference equality on every write of the incident, and its table
    // grew into the large object heap. The Legacy fields read what it wrote for them before.
    [Id(40)]
    public ReadOnlyMemory<byte> StoredFiringAlerts
    {
        get => CompactWriter.Strings(FiringAlerts);
        set => FiringAlerts = CompactReader.StringsField(value.Span, "an incident's stored firing alerts");
    }

    [Id(41)]
    public ReadOnlyMemory<byte> StoredMemberAlerts
    {
        get => CompactMap.Write<string, StringFormat>(MemberAlerts, []);
        set => MemberAlerts = CompactMap.Read<string, StringFormat>(value.Span).Set;
    }

    /// <summary>Firing alerts as states written before the compact format held them (field 34); read only.</summary>
    [Id(34)]
    public List<string>? LegacyFiringAlerts
    {
        get => null;
        set
        {
            if (value is not null)
            {
                FiringAlerts = value;
            }
        }
    }

    /// <summary>Member alerts as states written before the compact format held them (field 38); read only.</summary>
    [Id(38)]
    public Dictionary<string, string>? LegacyMemberAlerts
    {
        get => null;
        set
        {
            if (value is not null)
            {
                MemberAlerts = new Dictionary<string, string>(value, StringComparer.Ordinal);
            }
        }
    }
}
