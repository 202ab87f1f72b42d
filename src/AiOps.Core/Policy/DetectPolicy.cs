namespace AiOps.Core.Policy;

/// <summary><c>detect.yaml</c>: metric rules, statistical detectors, log patterns and enrichment severity.</summary>
public sealed class DetectPolicy
{
    public string SchemaVersion { get; set; } = "";
    public Dictionary<string, ThresholdRule> Thresholds { get; set; } = [];
    public StatsSettings Stats { get; set; } = new();
    public List<LogPatternRule> LogsPatterns { get; set; } = [];
    public List<string> RoutinePatterns { get; set; } = [];
    public Dictionary<string, double> LevelScores { get; set; } = [];
    public Dictionary<string, double> SeverityHintScores { get; set; } = [];
    public Dictionary<string, string> DefaultIncidentTypeByDomain { get; set; } = [];
    public SeveritySettings Severity { get; set; } = new();
    public Dictionary<string, DetectorToggle> Detectors { get; set; } = [];
    public int StateCheckpointSec { get; set; } = 30;
    public int MaxRawMsgChars { get; set; } = 500;
    public ContextLimits Context { get; set; } = new();
    public LogTemplateSettings LogTemplates { get; set; } = new();

    public bool IsEnabled(string detector) => !Detectors.TryGetValue(detector, out var toggle) || toggle.Enabled;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        foreach (var (name, rule) in Thresholds)
        {
            var at = $"thresholds.{name}";
            issues.AddRange(Checks.Regex($"{at}.match", rule.Match));
            issues.AddRange(Checks.OneOf($"{at}.direction", rule.Direction, "above", "below"));
            issues.AddRange(Checks.Between($"{at}.duration_sec", rule.DurationSec, 0, 86400));
            issues.AddRange(Checks.OneOf($"{at}.severity", rule.Severity, Checks.Severities));
            if (string.IsNullOrWhiteSpace(rule.IncidentType))
            {
                issues.Add(new($"{at}.incident_type", "is required"));
            }
        }

        issues.AddRange(Checks.Positive("stats.ewma.window_sec", Stats.Ewma.WindowSec));
        issues.AddRange(Checks.Positive("stats.ewma.sigma", Stats.Ewma.Sigma));
        issues.AddRange(Checks.Between("stats.ewma.min_samples", Stats.Ewma.MinSamples, 2, 100000));
        // The window keeps sample times to 16-bit seconds, about 17 hours back (MetricSeries).
        issues.AddRange(Checks.Between("stats.mad.window_sec", Stats.Mad.WindowSec, 1, Detection.MetricSeries.WindowHistorySeconds - 1));
        issues.AddRange(Checks.Positive("stats.mad.threshold", Stats.Mad.Threshold));
        issues.AddRange(Checks.Between("stats.mad.min_samples", Stats.Mad.MinSamples, 3, 100000));
        issues.AddRange(Checks.Between("stats.mad.max_window_samples", Stats.Mad.MaxWindowSamples, Math.Max(3, Stats.Mad.MinSamples), 4096));
        issues.AddRange(Stats.Forecast.Validate());
        issues.AddRange(LogTemplates.Validate());
        issues.AddRange(Checks.Between("stats.min_relative_change", Stats.MinRelativeChange, 0, 100));
        issues.AddRange(Checks.Between("stats.min_absolute_change", Stats.MinAbsoluteChange, 0, double.MaxValue));
        for (var i = 0; i < LogsPatterns.Count; i++)
        {
            var rule = LogsPatterns[i];
            var at = $"logs_patterns[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                issues.Add(new($"{at}.name", "is required"));
            }

            issues.AddRange(Checks.Regex($"{at}.match", rule.Match));
            issues.AddRange(Checks.OneOf($"{at}.severity_hint", rule.SeverityHint, Checks.Severities));
        }

        for (var i = 0; i < RoutinePatterns.Count; i++)
        {
            issues.AddRange(Checks.Regex($"routine_patterns[{i}]", RoutinePatterns[i]));
        }

        foreach (var level in new[] { "fatal", "error", "warn", "info", "debug" })
        {
            issues.AddRange(LevelScores.TryGetValue(level, out var score)
                ? Checks.Between($"level_scores.{level}", score, 0, 1)
                : [new PolicyIssue($"level_scores.{level}", "is required")]);
        }

        foreach (var severity in Checks.Severities)
        {
            issues.AddRange(SeverityHintScores.TryGetValue(severity, out var score)
                ? Checks.Between($"severity_hint_scores.{severity}", score, 0, 1)
                : [new PolicyIssue($"severity_hint_scores.{severity}", "is required")]);
        }

        foreach (var domain in Enum.GetNames<Contracts.Domain>())
        {
            if (!DefaultIncidentTypeByDomain.ContainsKey(domain.ToLowerInvariant()))
            {
                issues.Add(new($"default_incident_type_by_domain.{domain.ToLowerInvariant()}", "is required"));
            }
        }

        issues.AddRange(Severity.Validate());
        issues.AddRange(Checks.Between("state_checkpoint_sec", StateCheckpointSec, 1, 3600));
        issues.AddRange(Checks.Between("max_raw_msg_chars", MaxRawMsgChars, 16, 65536));
        issues.AddRange(Checks.Between("context.max_fingerprints", Context.MaxFingerprints, 1, 100000));
        issues.AddRange(Checks.Between("context.max_devices", Context.MaxDevices, 1, 100000));
        return issues;
    }
}

public sealed class ThresholdRule
{
    public string Match { get; set; } = "";
    public double Value { get; set; }
    public string Direction { get; set; } = "above";
    public int DurationSec { get; set; }
    public string Severity { get; set; } = "medium";
    public string IncidentType { get; set; } = "";
}

public sealed class StatsSettings
{
    public EwmaSettings Ewma { get; set; } = new();
    public MadSettings Mad { get; set; } = new();
    public ForecastSettings Forecast { get; set; } = new();
    public double MinRelativeChange { get; set; }
    public double MinAbsoluteChange { get; set; }
}

public sealed class EwmaSettings
{
    public double WindowSec { get; set; }
    public double Sigma { get; set; }
    public int MinSamples { get; set; }
}

public sealed class MadSettings
{
    public double WindowSec { get; set; }
    public double Threshold { get; set; }
    public int MinSamples { get; set; }
    public int MaxWindowSamples { get; set; } = 64;
}

public sealed class LogPatternRule
{
    public string Name { get; set; } = "";
    public string Match { get; set; } = "";
    public string SeverityHint { get; set; } = "medium";
    public string IncidentType { get; set; } = "";
}

public sealed class ContextLimits
{
    public int MaxFingerprints { get; set; } = 512;
    public int MaxDevices { get; set; } = 256;
}

public sealed class DetectorToggle
{
    public bool Enabled { get; set; } = true;
}
