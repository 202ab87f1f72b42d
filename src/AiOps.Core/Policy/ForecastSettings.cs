namespace AiOps.Core.Policy;

/// <summary>
/// <c>stats.forecast</c>: the streaming forecast detector (see <c>Detection/ForecastDetector</c>). Each
/// smoothing factor is the weight of the newest point; counts are points of the series, not seconds.
/// </summary>
public sealed class ForecastSettings
{
    /// <summary>Weight of the newest point in the recent-level predictor.</summary>
    public double LevelAlpha { get; set; } = 0.5;

    /// <summary>Weight of the newest point in its hour-of-day profile slot.</summary>
    public double HourOfDayAlpha { get; set; } = 0.1;

    /// <summary>Weight of the newest point in its hour-of-week profile slot.</summary>
    public double HourOfWeekAlpha { get; set; } = 0.3;

    /// <summary>Weight of the newest absolute error in each predictor's typical error.</summary>
    public double ErrorAlpha { get; set; } = 0.01;

    /// <summary>An error counts at most this many typical errors, so one spike cannot blind the detector.</summary>
    public double ErrorClip { get; set; } = 2.0;

    /// <summary>Cap on one point's surprise (in typical errors) before it enters the likelihood.</summary>
    public double MaxSurprise { get; set; } = 50.0;

    /// <summary>Points in the short-term mean of surprise that the likelihood judges.</summary>
    public int ShortPoints { get; set; } = 5;

    /// <summary>Weight of the newest surprise in the long-run mean and variance of surprise.</summary>
    public double LongAlpha { get; set; } = 0.002;

    /// <summary>Anomaly likelihood at or above which the detector fires.</summary>
    public double Likelihood { get; set; } = 0.9995;

    /// <summary>Weight of the newest point in the slow long-run level (drift channel).</summary>
    public double DriftAlpha { get; set; } = 0.001;

    /// <summary>Standard deviations from the slow long-run level at which a drift fires; 0 turns it off.</summary>
    public double DriftSigma { get; set; } = 4.0;

    /// <summary>Points learnt before the detector may fire.</summary>
    public int WarmupPoints { get; set; } = 300;

    /// <summary>Points after a detection during which the series does not fire again.</summary>
    public int RefractoryPoints { get; set; } = 500;

    /// <summary>
    /// How far beyond the range the series has shown so far a value must be to count as a new extreme, as a
    /// fraction of the series' magnitude (the larger absolute value of its lowest and highest); 0 turns the
    /// novelty channel off.
    /// </summary>
    public double NoveltyMargin { get; set; } = 0.05;

    /// <summary>A new extreme also has to surprise the forecast by this many typical errors.</summary>
    public double NoveltyMinSurprise { get; set; } = 3.0;

    internal IEnumerable<PolicyIssue> Validate()
    {
        const string at = "stats.forecast";
        return new[]
        {
            Checks.Between($"{at}.level_alpha", LevelAlpha, 1e-6, 1),
            Checks.Between($"{at}.hour_of_day_alpha", HourOfDayAlpha, 1e-6, 1),
            Checks.Between($"{at}.hour_of_week_alpha", HourOfWeekAlpha, 1e-6, 1),
            Checks.Between($"{at}.error_alpha", ErrorAlpha, 1e-6, 1),
            Checks.Between($"{at}.error_clip", ErrorClip, 0, 1000),
            Checks.Positive($"{at}.max_surprise", MaxSurprise),
            Checks.Between($"{at}.short_points", ShortPoints, 1, 64),
            Checks.Between($"{at}.long_alpha", LongAlpha, 1e-6, 1),
            Checks.Between($"{at}.likelihood", Likelihood, 0.5, 0.999999),
            Checks.Between($"{at}.drift_alpha", DriftAlpha, 1e-6, 1),
            Checks.Between($"{at}.drift_sigma", DriftSigma, 0, 1000),
            Checks.Between($"{at}.warmup_points", WarmupPoints, 1, 1_000_000),
            Checks.Between($"{at}.refractory_points", RefractoryPoints, 0, 1_000_000),
            Checks.Between($"{at}.novelty_margin", NoveltyMargin, 0, 100),
            Checks.Between($"{at}.novelty_min_surprise", NoveltyMinSurprise, 0, 1000),
        }.SelectMany(issues => issues);
    }
}
