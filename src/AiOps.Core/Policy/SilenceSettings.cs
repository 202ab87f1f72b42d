namespace AiOps.Core.Policy;

/// <summary><c>correlate.yaml silences</c>: how silences are matched, cached on each silo, and kept.</summary>
public sealed class SilenceSettings
{
    /// <summary>How often each silo looks for changed silences and hands back its match counts.</summary>
    public int RefreshSec { get; set; } = 5;

    /// <summary>The time one regex matcher may take on one value; running out of time counts as no match.</summary>
    public int RegexTimeoutMs { get; set; } = 20;

    /// <summary>How long an expired silence stays listed.</summary>
    public int RetentionDays { get; set; } = 5;

    /// <summary>The most silences kept at once (active, pending and expired).</summary>
    public int MaxSilences { get; set; } = 1000;

    /// <summary>The most matchers one silence may have.</summary>
    public int MaxMatchers { get; set; } = 20;

    internal IEnumerable<PolicyIssue> Validate() =>
        Checks.Between("silences.refresh_sec", RefreshSec, 1, 3600)
            .Concat(Checks.Between("silences.regex_timeout_ms", RegexTimeoutMs, 1, 1000))
            .Concat(Checks.Between("silences.retention_days", RetentionDays, 0, 365))
            .Concat(Checks.Between("silences.max_silences", MaxSilences, 1, 100000))
            .Concat(Checks.Between("silences.max_matchers", MaxMatchers, 1, 100));
}
