namespace AiOps.Core.Policy;

/// <summary><c>correlate.yaml</c>: windows by incident type, dedup, suppression and severity floors.</summary>
public sealed class CorrelatePolicy
{
    public string SchemaVersion { get; set; } = "";
    public Dictionary<string, int> WindowSecByType { get; set; } = [];
    public int DefaultWindowSec { get; set; } = 600;
    public int DedupTtlSec { get; set; }
    public int SuppressionTtlSec { get; set; }
    public Dictionary<string, string> SeverityMap { get; set; } = [];
    public int MinEventsForIncident { get; set; } = 1;
    public int MaxEventsPerIncident { get; set; } = 50;
    public int MaxTrackingIdsPerIncident { get; set; } = 200;
    public int MaxScopeEntries { get; set; } = 100;
    public int CorrelationTimeoutSec { get; set; } = 30;
    public int LateToleranceSec { get; set; } = 86400;

    /// <summary>A resolved incident whose key fires again within this many seconds of its closing reopens instead of opening a twin; 0 turns it off.</summary>
    public int ReopenWindowSec { get; set; }

    /// <summary>
    /// How often an incident retries giving members to another (merge, split) that could not be reached; at least
    /// 60, Orleans' shortest reminder period.
    /// </summary>
    public int HandoffRetrySec { get; set; } = 60;

    /// <summary>The most comments one incident keeps; a comment past it is refused.</summary>
    public int MaxCommentsPerIncident { get; set; } = 500;

    public SilenceSettings Silences { get; set; } = new();

    /// <summary>An incident made only of alerts resolves itself when its senders resolve every one of them.</summary>
    public bool AutoResolveOnAlertsResolved { get; set; } = true;

    public TimeSpan WindowFor(string incidentType) =>
        TimeSpan.FromSeconds(WindowSecByType.TryGetValue(incidentType, out var sec) ? sec : DefaultWindowSec);

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        foreach (var (type, sec) in WindowSecByType)
        {
            issues.AddRange(Checks.Between($"window_sec_by_type.{type}", sec, 1, 86400));
        }

        foreach (var (type, severity) in SeverityMap)
        {
            issues.AddRange(Checks.OneOf($"severity_map.{type}", severity, Checks.Severities));
        }

        issues.AddRange(Checks.Between("default_window_sec", DefaultWindowSec, 1, 86400));
        issues.AddRange(Checks.Between("dedup_ttl_sec", DedupTtlSec, 0, 604800));
        issues.AddRange(Checks.Between("suppression_ttl_sec", SuppressionTtlSec, 0, 604800));
        issues.AddRange(Checks.Between("min_events_for_incident", MinEventsForIncident, 1, 1000));
        issues.AddRange(Checks.Between("max_events_per_incident", MaxEventsPerIncident, 1, 10000));
        issues.AddRange(Checks.Between("max_tracking_ids_per_incident", MaxTrackingIdsPerIncident, 1, 100000));
        issues.AddRange(Checks.Between("max_scope_entries", MaxScopeEntries, 1, 10000));
        issues.AddRange(Checks.Between("correlation_timeout_sec", CorrelationTimeoutSec, 1, 3600));
        issues.AddRange(Checks.Between("late_tolerance_sec", LateToleranceSec, 0, 604800));
        issues.AddRange(Checks.Between("reopen_window_sec", ReopenWindowSec, 0, 604800));
        issues.AddRange(Checks.Between("handoff_retry_sec", HandoffRetrySec, 60, 86400));
        issues.AddRange(Checks.Between("max_comments_per_incident", MaxCommentsPerIncident, 1, 100000));
        issues.AddRange(Silences.Validate());
        return issues;
    }
}
