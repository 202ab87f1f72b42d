using AiOps.Contracts.Messages;
using AiOps.Core.Policy;

namespace AiOps.Core.Detection;

/// <summary>
/// The metric path, one sample at a time and in event-time order per series: threshold rules with a
/// minimum duration, then EWMA and MAD detectors. A statistical deviation also has to be large relative to
/// the baseline (policy <c>min_relative_change</c>/<c>min_absolute_change</c>), so a healthy metric's small
/// wobble stays noise however many sigmas it is.
/// </summary>
public static class MetricDetector
{
    public static DetectedAnomaly? Detect(MetricSample sample, MetricSeries series, CompiledDetectPolicy policy)
    {
        series.Upgrade();
        var stats = policy.Source.Stats;
        var rule = policy.RuleFor(sample.Metric);
        var ruleHit = policy.Source.IsEnabled("threshold") && rule is not null ? EvaluateRule(sample, series, rule) : null;
        var statHit = EvaluateStatistics(sample, series, rule, stats, policy.Source);
        Update(series, sample, stats);

        var hit = ruleHit ?? statHit;
        if (hit is null)
        {
            return null;
        }

        var anomaly = new AnomalyDetected
        {
            TrackingId = sample.TrackingId,
            Ts = sample.Ts,
            ShipId = sample.ShipId,
            Domain = sample.Domain,
            Service = sample.Service,
            AnomalyType = hit.Value.AnomalyType,
            Score = hit.Value.Score,
            Detector = hit.Value.Detector,
            DeviceId = sample.DeviceId,
            MetricName = sample.Metric,
            MetricValue = sample.Value,
            Threshold = hit.Value.Threshold,
        };
        return new DetectedAnomaly(anomaly, rule?.IncidentType ?? policy.DefaultIncidentType(sample.Domain));
    }

    private static Hit? EvaluateRule(MetricSample sample, MetricSeries series, CompiledThresholdRule rule)
    {
        if (!rule.Breaches(sample.Value))
        {
            series.BreachSince = null;
            series.RuleFired = false;
            return null;
        }

        series.BreachSince ??= sample.Ts;
        if (series.RuleFired || sample.Ts - series.BreachSince.Value < rule.Duration)
        {
            return null;
        }

        series.RuleFired = true;
        return new Hit(rule.Name, rule.Score, "threshold", rule.Value);
    }

    private static Hit? EvaluateStatistics(MetricSample sample, MetricSeries series, CompiledThresholdRule? rule, StatsSettings stats, DetectPolicy detect)
    {
        var forecast = detect.IsEnabled("forecast") ? ForecastHit(sample, series, rule, stats) : null;
        return Strongest(forecast, ClassicHit(sample, series, rule, stats, detect));
    }

    /// <summary>The forecast detector learns from every point; a candidate counts only if it is material.</summary>
    private static Hit? ForecastHit(MetricSample sample, MetricSeries series, CompiledThresholdRule? rule, StatsSettings stats)
    {
        var verdict = ForecastDetector.Observe(series.Forecast, sample.Ts, sample.Value, stats.Forecast);
        if (!verdict.Candidate || !IsMaterial(sample.Value, verdict.Expected, rule, stats))
        {
            return null;
        }

        ForecastDetector.StartRefractory(series.Forecast, stats.Forecast);
        return new Hit(verdict.AnomalyType, verdict.Score, "forecast", verdict.Expected);
    }

    /// <summary>The seed's EWMA and MAD detectors, one anomaly per excursion.</summary>
    private static Hit? ClassicHit(MetricSample sample, MetricSeries series, CompiledThresholdRule? rule, StatsSettings stats, DetectPolicy detect)
    {
        var ewma = detect.IsEnabled("ewma") && series.Count >= stats.Ewma.MinSamples
            ? EwmaHit(sample.Value, series, rule, stats)
            : null;
        var mad = detect.IsEnabled("mad") && series.WindowCount >= stats.Mad.MinSamples
            ? MadHit(sample, series, rule, stats)
            : null;
        var hit = Strongest(ewma, mad);
        if (hit is null)
        {
            series.StatisticalAlarm = false;
            return null;
        }

        // One anomaly per excursion: the alarm re-arms when the series is back to normal.
        if (series.StatisticalAlarm)
        {
            return null;
        }

        series.StatisticalAlarm = true;
        return hit;
    }

    private static Hit? EwmaHit(double value, MetricSeries series, CompiledThresholdRule? rule, StatsSettings stats)
    {
        var std = Math.Sqrt(series.Variance);
        var deviation = Math.Abs(value - series.Mean);
        if (!IsMaterial(value, series.Mean, rule, stats) || deviation <= stats.Ewma.Sigma * std)
        {
            return null;
        }

        var z = std > 0 ? deviation / std : double.PositiveInfinity;
        var bound = series.Mean + (Math.Sign(value - series.Mean) * stats.Ewma.Sigma * std);
        return new Hit("ewma_deviation", ScoreOf(z, stats.Ewma.Sigma), "ewma", bound);
    }

    private static Hit? MadHit(MetricSample sample, MetricSeries series, CompiledThresholdRule? rule, StatsSettings stats)
    {
        // The median needs a sort; the cheap mean-based check first skips it for ordinary points.
        if (!IsMaterial(sample.Value, series.Mean, rule, stats, slack: 0.5))
        {
            return null;
        }

        var values = series.RecentValues(sample.Ts - TimeSpan.FromSeconds(stats.Mad.WindowSec));
        if (values.Length < stats.Mad.MinSamples)
        {
            return null;
        }

        var (median, mad) = RobustStats.MedianAndMad(values);
        if (!IsMaterial(sample.Value, median, rule, stats))
        {
            return null;
        }

        var modifiedZ = mad > 0 ? 0.6745 * Math.Abs(sample.Value - median) / mad : double.PositiveInfinity;
        if (modifiedZ <= stats.Mad.Threshold)
        {
            return null;
        }

        var bound = median + (Math.Sign(sample.Value - median) * stats.Mad.Threshold * mad / 0.6745);
        return new Hit("mad_outlier", ScoreOf(modifiedZ, stats.Mad.Threshold), "mad", bound);
    }

    /// <summary>Large enough to matter to an operator, and (for a ruled metric) in the harmful direction.</summary>
    private static bool IsMaterial(double value, double baseline, CompiledThresholdRule? rule, StatsSettings stats, double slack = 1.0)
    {
        var change = Math.Abs(value - baseline);
        var needed = Math.Max(stats.MinRelativeChange * Math.Abs(baseline), stats.MinAbsoluteChange) * slack;
        return change >= needed && (rule is null || rule.IsHarmful(value, baseline));
    }

    /// <summary>0.5 at the detection limit, rising to 0.95 at three times it.</summary>
    private static double ScoreOf(double z, double limit) =>
        double.IsPositiveInfinity(z) ? 0.95 : 0.5 + (0.45 * Math.Min(1.0, (z - limit) / (2 * limit)));

    private static Hit? Strongest(Hit? a, Hit? b) =>
        a is null ? b : b is null ? a : a.Value.Score >= b.Value.Score ? a : b;

    private static void Update(MetricSeries series, MetricSample sample, StatsSettings stats)
    {
        // Time-based smoothing, so irregular sampling weighs by elapsed time; early on, a plain running mean.
        var elapsed = series.Count == 0 ? 0 : Math.Max((sample.Ts - series.LastTs).TotalSeconds, 0);
        var alpha = Math.Max(1 - Math.Exp(-elapsed / stats.Ewma.WindowSec), 1.0 / (series.Count + 1));
        var diff = sample.Value - series.Mean;
        var increment = alpha * diff;
        series.Mean += increment;
        series.Variance = (1 - alpha) * (series.Variance + (diff * increment));
        series.Count++;
        if (sample.Ts > series.LastTs)
        {
            series.LastTs = sample.Ts;
        }

        series.Remember(sample.Value, sample.Ts, stats.Mad.MaxWindowSamples);
    }

    private readonly record struct Hit(string AnomalyType, double Score, string Detector, double Threshold);
}
