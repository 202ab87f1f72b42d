using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Logs;

namespace AiOps.Core.Detection;

/// <summary>
/// The log path with templates: every line is mined into its service's templates first. A line the level and
/// pattern rules flag carries its template, and is down-weighted when its template is chronic (at error level
/// on many days, never part of an incident anyone acted on). A line of a template never seen after the
/// service's warm-up is a <c>new_log_pattern</c> anomaly at any level, scored up by its level; a common
/// template whose count per minute leaves its own forecast is a <c>log_rate_change</c> (<see cref="TemplateRate"/>).
/// </summary>
public static class LogTemplateDetector
{
    public const string NewPattern = "new_log_pattern";

    public static DetectedAnomaly? Detect(LogMessage log, LogTemplateBook book, CompiledDetectPolicy policy)
    {
        var settings = policy.Source.LogTemplates;
        var match = book.Miner(policy.TemplateOptions).Observe(log.Msg, log.Level, log.Ts);
        var template = match.Template;
        var rate = settings.RateMinLines > 0 && policy.Source.IsEnabled(TemplateRate.RateChange)
            ? TemplateRate.Count(template, log.Ts, settings, policy.Source.Stats.Forecast)
            : ForecastVerdict.Quiet;
        var detected = LogDetector.Detect(log, policy);
        if (detected is not null)
        {
            var weight = IsChronic(template, settings) ? settings.ChronicWeight : 1.0;
            return detected with { Anomaly = detected.Anomaly with { TemplateId = template.Id, Score = detected.Anomaly.Score * weight } };
        }

        if (rate.Candidate && !LogDetector.IsIgnored(log, policy))
        {
            var changed = LogDetector.Build(log, TemplateRate.RateChange, rate.Score, "log_rate", policy) with { TemplateId = template.Id };
            return new DetectedAnomaly(changed, policy.DefaultIncidentType(log.Domain));
        }

        if (!match.IsNew || !IsWarm(book, log.Ts, settings) || !policy.Source.IsEnabled(NewPattern) || LogDetector.IsIgnored(log, policy))
        {
            return null;
        }

        // Level informs the score: a new message at error outranks one at info, but info still counts.
        var levelBoost = Math.Max(0, policy.LevelScores[(int)log.Level] - policy.LevelScores[(int)MessageLevel.Info]);
        var anomaly = LogDetector.Build(log, NewPattern, Math.Min(1.0, settings.NewPatternScore + levelBoost), "log_template", policy)
            with { TemplateId = template.Id };
        var incidentType = string.IsNullOrWhiteSpace(settings.NewPatternIncidentType)
            ? policy.DefaultIncidentType(log.Domain)
            : settings.NewPatternIncidentType;
        return new DetectedAnomaly(anomaly, incidentType);
    }

    private static bool IsWarm(LogTemplateBook book, DateTimeOffset ts, Policy.LogTemplateSettings settings) =>
        book.Lines > settings.WarmupLines && book.FirstLine is { } first && ts - first >= TimeSpan.FromSeconds(settings.WarmupSec);

    private static bool IsChronic(LogTemplate template, Policy.LogTemplateSettings settings) =>
        !template.ActedOn && template.ErrorDays >= settings.ChronicErrorDays;
}
