using System.Globalization;
using AiOps.Core.Policy;

namespace AiOps.Core.Remediation;

/// <summary>Whether a moment falls inside one of remediate.yaml's maintenance windows, in each window's time zone.</summary>
public static class MaintenanceCalendar
{
    public static MaintenanceWindow? WindowAt(DateTimeOffset now, IEnumerable<MaintenanceWindow> windows) =>
        windows.FirstOrDefault(w => IsInside(now, w));

    public static bool IsInside(DateTimeOffset now, MaintenanceWindow window)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(window.Timezone));
        var start = TimeOnly.ParseExact(window.Start, "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(window.End, "HH:mm", CultureInfo.InvariantCulture);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (start <= end)
        {
            return IsDay(local.DayOfWeek, window.Day) && time >= start && time < end;
        }

        // Past midnight: the part before midnight belongs to the named day, the rest to the day after.
        return (IsDay(local.DayOfWeek, window.Day) && time >= start)
            || (IsDay(local.AddDays(-1).DayOfWeek, window.Day) && time < end);
    }

    private static bool IsDay(DayOfWeek day, string named) =>
        named == "daily" || string.Equals(day.ToString(), named, StringComparison.OrdinalIgnoreCase);
}
