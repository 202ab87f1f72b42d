using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AiOps.Contracts;
using AiOps.Core.Policy;

namespace AiOps.Core.Detection;

/// <summary>
/// The detect policy with its regular expressions compiled once, shared by every service grain of a silo
/// until the policy changes.
/// </summary>
public sealed class CompiledDetectPolicy
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, CompiledThresholdRule?> _ruleByMetric = new(StringComparer.Ordinal);

    // By enum value, looked up per alert: lowering the enum's name per alert was about 1% of the host in an alert
    // storm. A value the policy does not name is missing here too, and its lookup fails as it did.
    private readonly Dictionary<Severity, double> _severityScores;
    private readonly Dictionary<Domain, string> _defaultIncidentTypes;

    public CompiledDetectPolicy(DetectPolicy detect, IngestPolicy ingest)
    {
        Source = detect;
        Patterns = detect.LogsPatterns
            .Select(p => new CompiledLogPattern(p.Name, new Regex(p.Match, Options, RegexTimeout), HintScore(detect, p.SeverityHint), p.IncidentType))
            .ToArray();
        Routine = new Regex(string.Join("|", detect.RoutinePatterns.Select(p => $"(?:{p})")), Options, RegexTimeout);
        Rules = detect.Thresholds
            .Select(t => new CompiledThresholdRule(
                t.Key,
                new Regex(t.Value.Match, Options, RegexTimeout),
                t.Value.Value,
                t.Value.Direction == "below",
                TimeSpan.FromSeconds(t.Value.DurationSec),
                HintScore(detect, t.Value.Severity),
                t.Value.IncidentType))
            .ToArray();
        LevelScores = Enum.GetValues<MessageLevel>().Select(l => detect.LevelScores[l.ToString().ToLowerInvariant()]).ToArray();
        MinLevel = ingest.Logs.MinSeverity.ToUpperInvariant() switch
        {
            "DEBUG" => MessageLevel.Debug,
            "WARNING" => MessageLevel.Warn,
            "ERROR" => MessageLevel.Error,
            "FATAL" => MessageLevel.Fatal,
            _ => MessageLevel.Info,
        };
        MaxSeries = ingest.Metrics.CardinalityLimits.MaxSeriesPerService;
        TemplateOptions = Logs.TemplateMinerOptions.Default with { MaxTemplates = detect.LogTemplates.MaxTemplates };
        MaxFiringAlerts = ingest.Alerts.MaxFiringPerService;
        _severityScores = ByEnum<Severity, double>(detect.SeverityHintScores);
        _defaultIncidentTypes = ByEnum<Domain, string>(detect.DefaultIncidentTypeByDomain);
    }

    public DetectPolicy Source { get; }
    internal IReadOnlyList<CompiledLogPattern> Patterns { get; }
    internal Regex Routine { get; }
    internal IReadOnlyList<CompiledThresholdRule> Rules { get; }
    internal IReadOnlyList<double> LevelScores { get; }
    internal MessageLevel MinLevel { get; }
    internal int MaxSeries { get; }
    internal int MaxFiringAlerts { get; }

    /// <summary>The miner's one configuration, with the policy's cap on templates per service.</summary>
    public Logs.TemplateMinerOptions TemplateOptions { get; }

    /// <summary>The first rule whose pattern matches the metric name, cached per name.</summary>
    internal CompiledThresholdRule? RuleFor(string metric) =>
        _ruleByMetric.GetOrAdd(metric, static (name, rules) => rules.FirstOrDefault(r => r.Match.IsMatch(name)), Rules);

    public string DefaultIncidentType(Domain domain) => _defaultIncidentTypes[domain];

    /// <summary>The score of an alert of this severity (<c>severity_hint_scores</c>).</summary>
    public double SeverityScore(Severity severity) => _severityScores[severity];

    private static Dictionary<TEnum, TValue> ByEnum<TEnum, TValue>(IReadOnlyDictionary<string, TValue> byName)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>()
            .Where(value => byName.ContainsKey(value.ToString().ToLowerInvariant()))
            .ToDictionary(value => value, value => byName[value.ToString().ToLowerInvariant()]);

    private static double HintScore(DetectPolicy detect, string severity) =>
        detect.SeverityHintScores[severity.ToLowerInvariant()];
}
