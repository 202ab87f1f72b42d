using AiOps.Core.Policy;

namespace AiOps.Core.Detection;

/// <summary>
/// A streaming forecast detector, O(1) per point with bounded memory. Three predictors forecast each point:
/// the recent level, an hour-of-day profile and an hour-of-week profile (keyed by the timestamp, so any
/// sampling rate works). The residual of whichever predictor is currently best, in units of that predictor's
/// typical error, is the point's surprise. As in Numenta's anomaly likelihood, the short-term mean of surprise
/// is judged against its long-run distribution, so a series that is always noisy does not alarm and a quiet
/// one that turns noisy does. A second channel watches a slow long-run level, which catches drifts to levels
/// never seen before. After a detection the series is refractory for a while: one change, one anomaly. A
/// third channel, novelty, fires on a value beyond anything the series has shown (by a margin of its range)
/// that the forecast did not expect; it also fires during the refractory period once the excursion that
/// started it is over, because a weak detection must not hide a stronger anomaly that follows it.
/// Research and scores: docs/research/NAB.md.
/// </summary>
public static class ForecastDetector
{
    public const int Predictors = 3;
    private const double Tiny = 1e-9;

    public static ForecastVerdict Observe(ForecastState state, DateTimeOffset ts, double value, ForecastSettings settings)
    {
        var utc = ts.UtcDateTime;
        var hourOfDay = utc.Hour;
        var hourOfWeek = ((int)utc.DayOfWeek * ForecastState.HoursPerDay) + utc.Hour;
        state.EnsureCapacity(settings.ShortPoints);
        var level = state.Level;
        var daily = state.HourOfDay(hourOfDay);
        var weekly = state.HourOfWeek(hourOfWeek);

        Span<double> errors = [state.LevelError, state.HourOfDayError, state.HourOfWeekError];
        var (surprise, expected) = Surprise(errors, value, level, daily, weekly);
        surprise = Math.Min(surprise, settings.MaxSurprise);
        LearnErrors(errors, value, level, daily, weekly, settings);
        state.LevelError = errors[0];
        state.HourOfDayError = errors[1];
        state.HourOfWeekError = errors[2];
        state.Level = Blend(level, value, settings.LevelAlpha);
        state.SetProfiles(hourOfDay, Blend(daily, value, settings.HourOfDayAlpha), hourOfWeek, Blend(weekly, value, settings.HourOfWeekAlpha), value);
        state.AddRecentSurprise(surprise);

        var driftLevel = state.DriftLevel;
        var drift = double.IsNaN(driftLevel) ? 0 : Math.Abs(value - driftLevel) / Math.Sqrt(Math.Max(state.DriftVariance, 1e-12));
        LearnDrift(state, value, settings.DriftAlpha);
        var novel = IsNewExtreme(state, value, surprise, settings);
        LearnRange(state, value);
        if (surprise < settings.NoveltyMinSurprise)
        {
            state.InExcursion = false;
        }

        state.Points++;
        var verdict = ForecastVerdict.Quiet;
        if (state.Points > settings.WarmupPoints)
        {
            var likelihood = NormalDistribution.Cdf((RecentMean(state) - state.SurpriseMean) / Math.Sqrt(Math.Max(state.SurpriseVariance, Tiny)));
            var refractory = state.Refractory > 0;
            if (refractory)
            {
                state.Refractory--;
            }

            var forecast = double.IsNaN(expected) ? value : expected;
            var noveltyStrength = (surprise - settings.NoveltyMinSurprise) / (2 * Math.Max(settings.NoveltyMinSurprise, 1));
            var newExtreme = new ForecastVerdict(true, likelihood, forecast, "new_extreme", ScoreOf(noveltyStrength));
            if (refractory)
            {
                // Quiet, except for a new extreme in a later excursion than the one that was detected.
                verdict = novel && !state.InExcursion ? newExtreme : ForecastVerdict.Quiet;
            }
            else if (likelihood >= settings.Likelihood)
            {
                var strength = (likelihood - settings.Likelihood) / (1 - settings.Likelihood);
                verdict = new ForecastVerdict(true, likelihood, forecast, "forecast_deviation", ScoreOf(strength));
            }
            else if (settings.DriftSigma > 0 && drift >= settings.DriftSigma)
            {
                var strength = (drift - settings.DriftSigma) / (2 * settings.DriftSigma);
                verdict = new ForecastVerdict(true, likelihood, driftLevel, "level_drift", ScoreOf(strength));
            }
            else
            {
                verdict = novel ? newExtreme : new ForecastVerdict(false, likelihood, expected, "", 0);
            }
        }

        LearnSurprise(state, surprise, settings.LongAlpha);
        return verdict;
    }

    /// <summary>
    /// Called when a candidate became an anomaly: the series stays quiet for the refractory period, except for a
    /// new extreme in a later excursion (the one under way, e.g. a spike still rising, is the same anomaly).
    /// </summary>
    public static void StartRefractory(ForecastState state, ForecastSettings settings)
    {
        state.Refractory = settings.RefractoryPoints;
        state.InExcursion = true;
    }

    private static (double Surprise, double Expected) Surprise(ReadOnlySpan<double> errors, double value, double level, double daily, double weekly)
    {
        var best = -1;
        var expected = double.NaN;
        for (var i = 0; i < Predictors; i++)
        {
            var prediction = i switch { 0 => level, 1 => daily, _ => weekly };
            if (double.IsNaN(prediction) || double.IsNaN(errors[i]))
            {
                continue;
            }

            if (best < 0 || errors[i] < errors[best])
            {
                best = i;
                expected = prediction;
            }
        }

        return best < 0 ? (0, double.NaN) : (Math.Abs(value - expected) / Math.Max(errors[best], Tiny), expected);
    }

    private static void LearnErrors(Span<double> errors, double value, double level, double daily, double weekly, ForecastSettings settings)
    {
        for (var i = 0; i < Predictors; i++)
        {
            var prediction = i switch { 0 => level, 1 => daily, _ => weekly };
            if (double.IsNaN(prediction))
            {
                continue;
            }

            var error = Math.Abs(value - prediction);
            var typical = errors[i];
            if (double.IsNaN(typical))
            {
                errors[i] = error;
                continue;
            }

            // Winsorised: a spike moves the typical error a little, not by its full size.
            if (settings.ErrorClip > 0 && typical > 0)
            {
                error = Math.Min(error, settings.ErrorClip * typical);
            }

            errors[i] = typical + (settings.ErrorAlpha * (error - typical));
        }
    }

    private static double RecentMean(ForecastState state)
    {
        return state.RecentSum() / state.RecentCount;
    }

    /// <summary>
    /// Beyond the range seen so far by <c>novelty_margin</c> of the series' magnitude (the larger of its
    /// extremes' absolute values), and a surprise to the forecast, so that a slow climb to a new high (a busy
    /// day) is not novel but a jump to it is. The margin scales with the series as the materiality guard does:
    /// on a series whose range is small beside its level, a new low by a sliver of the range is not novel.
    /// </summary>
    private static bool IsNewExtreme(ForecastState state, double value, double surprise, ForecastSettings settings)
    {
        var range = state.Highest - state.Lowest;
        if (settings.NoveltyMargin <= 0 || double.IsNaN(range) || range <= 0 || surprise < settings.NoveltyMinSurprise)
        {
            return false;
        }

        var margin = settings.NoveltyMargin * Math.Max(Math.Abs(state.Highest), Math.Abs(state.Lowest));
        return value > state.Highest + margin || value < state.Lowest - margin;
    }

    private static void LearnRange(ForecastState state, double value)
    {
        state.Lowest = double.IsNaN(state.Lowest) ? value : Math.Min(state.Lowest, value);
        state.Highest = double.IsNaN(state.Highest) ? value : Math.Max(state.Highest, value);
    }

    private static void LearnDrift(ForecastState state, double value, double alpha)
    {
        if (double.IsNaN(state.DriftLevel))
        {
            state.DriftLevel = value;
            return;
        }

        var diff = value - state.DriftLevel;
        state.DriftLevel += alpha * diff;
        state.DriftVariance = (1 - alpha) * (state.DriftVariance + (alpha * diff * diff));
    }

    private static void LearnSurprise(ForecastState state, double surprise, double alpha)
    {
        var diff = surprise - state.SurpriseMean;
        state.SurpriseMean += alpha * diff;
        state.SurpriseVariance = (1 - alpha) * (state.SurpriseVariance + (alpha * diff * diff));
    }

    /// <summary>0.5 at the detection limit, 0.95 when the evidence is overwhelming.</summary>
    private static double ScoreOf(double strength) => 0.5 + (0.45 * Math.Clamp(strength, 0, 1));

    private static double Blend(double previous, double value, double alpha) =>
        double.IsNaN(previous) ? value : previous + (alpha * (value - previous));
}

/// <summary>
/// One point's outcome: whether it is a candidate anomaly (and its type and 0.5..0.95 score), the anomaly
/// likelihood, and the value that was expected.
/// </summary>
public readonly record struct ForecastVerdict(bool Candidate, double Likelihood, double Expected, string AnomalyType, double Score)
{
    public static readonly ForecastVerdict Quiet = new(false, 0, double.NaN, "", 0);
}
