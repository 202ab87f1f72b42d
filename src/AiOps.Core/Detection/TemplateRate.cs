using AiOps.Core.Logs;
using AiOps.Core.Policy;

namespace AiOps.Core.Detection;

/// <summary>
/// <c>log_rate_change</c>: each common template's count per minute is a series for the production forecast
/// detector (its own baseline, hour-of-day and hour-of-week profiles). A minute is judged when the template's
/// next line arrives in a later minute; quiet minutes in between count as zero, at most an hour of them.
/// </summary>
public static class TemplateRate
{
    public const string RateChange = "log_rate_change";
    private const int MaxQuietMinutes = 60;

    /// <summary>Counts a line of the template at <paramref name="ts"/>; the verdict of any minute it closed.</summary>
    public static ForecastVerdict Count(LogTemplate template, DateTimeOffset ts, LogTemplateSettings settings, ForecastSettings forecast)
    {
        var minute = ts.ToUnixTimeSeconds() / 60;
        var verdict = ForecastVerdict.Quiet;
        if (template.MinuteCount > 0 && minute > template.Minute && template.Count >= settings.RateMinLines)
        {
            template.Rate ??= new ForecastState();
            verdict = Judge(template.Rate, template.Minute, template.MinuteCount, forecast);
            var quiet = Math.Min(minute - template.Minute - 1, MaxQuietMinutes);
            for (var m = minute - quiet; m < minute; m++)
            {
                var zero = Judge(template.Rate, m, 0, forecast);
                verdict = zero.Candidate && !verdict.Candidate ? zero : verdict;
            }
        }

        if (minute > template.Minute || template.MinuteCount == 0)
        {
            template.Minute = Math.Max(minute, template.Minute);
            template.MinuteCount = 0;
        }

        template.MinuteCount++;
        return verdict;
    }

    private static ForecastVerdict Judge(ForecastState rate, long minute, int count, ForecastSettings forecast)
    {
        var verdict = ForecastDetector.Observe(rate, DateTimeOffset.FromUnixTimeSeconds(minute * 60), count, forecast);
        if (verdict.Candidate)
        {
            ForecastDetector.StartRefractory(rate, forecast);
        }

        return verdict;
    }
}
