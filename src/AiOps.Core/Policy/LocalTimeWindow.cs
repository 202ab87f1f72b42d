using System.Globalization;

namespace AiOps.Core.Policy;

/// <summary>
/// A policy's "HH:mm to HH:mm in a time zone" window (quiet hours, maintenance windows). Start is inside, end
/// is outside; a window past midnight belongs to the day it starts on.
/// </summary>
public static class LocalTimeWindow
{
    public static bool Contains(DateTimeOffset now, string timeZone, string start, string end, Func<DayOfWeek, bool> onDay)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        var from = TimeOnly.ParseExact(start, "HH:mm", CultureInfo.InvariantCulture);
        var to = TimeOnly.ParseExact(end, "HH:mm", CultureInfo.InvariantCulture);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (from <= to)
        {
            return onDay(local.DayOfWeek) && time >= from && time < to;
        }

        return (onDay(local.DayOfWeek) && time >= from) || (onDay(local.AddDays(-1).DayOfWeek) && time < to);
    }
}
