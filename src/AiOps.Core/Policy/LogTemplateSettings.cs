namespace AiOps.Core.Policy;

/// <summary>
/// <c>log_templates</c> in detect.yaml: detection from the service's mined log templates. The miner itself has
/// one configuration for every service (<see cref="Logs.TemplateMinerOptions"/>); only the cap is a policy.
/// </summary>
public sealed class LogTemplateSettings
{
    /// <summary>A service's templates are its normal until it has logged this many lines and for this long.</summary>
    public int WarmupLines { get; set; } = 500;
    public int WarmupSec { get; set; } = 3600;

    public int MaxTemplates { get; set; } = 1000;

    /// <summary><c>new_log_pattern</c>: base score of a template never seen after the warm-up, raised by the line's level.</summary>
    public double NewPatternScore { get; set; } = 0.7;

    /// <summary>Incident type of a new pattern; empty takes the domain's default.</summary>
    public string NewPatternIncidentType { get; set; } = "";

    /// <summary>
    /// A template at error level on this many distinct days that never joined an incident someone acted on is
    /// chronic noise: its score is multiplied by <see cref="ChronicWeight"/>.
    /// </summary>
    /// <summary><c>log_rate_change</c>: a template's per-minute rate is forecast once it has this many lines (0 turns it off).</summary>
    public int RateMinLines { get; set; } = 100;

    public int ChronicErrorDays { get; set; } = 3;
    public double ChronicWeight { get; set; } = 0.5;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        issues.AddRange(Checks.Between("log_templates.warmup_lines", WarmupLines, 0, 10_000_000));
        issues.AddRange(Checks.Between("log_templates.warmup_sec", WarmupSec, 0, 30 * 86400));
        issues.AddRange(Checks.Between("log_templates.max_templates", MaxTemplates, 10, 100_000));
        issues.AddRange(Checks.Between("log_templates.new_pattern_score", NewPatternScore, 0, 1));
        issues.AddRange(Checks.Between("log_templates.rate_min_lines", RateMinLines, 0, int.MaxValue));
        issues.AddRange(Checks.Between("log_templates.chronic_error_days", ChronicErrorDays, 1, 365));
        issues.AddRange(Checks.Between("log_templates.chronic_weight", ChronicWeight, 0, 1));
        return issues;
    }
}
