using AiOps.Core.Policy;

namespace AiOps.Core.Remediation;

/// <summary>Whether a moment falls inside one of remediate.yaml's maintenance windows, in each window's time zone.</summary>
public static class MaintenanceCalendar
{
    public static MaintenanceWindow? WindowAt(DateTimeOffset now, IEnumerable<MaintenanceWindow> windows) =>
        windows.FirstOrDefault(w => IsInside(now, w));

    public static bool IsInside(DateTimeOffset now, MaintenanceWindow window) =>
        LocalTimeWindow.Contains(now, window.Timezone, window.Start, window.End, day => IsDay(day, window.Day));

    private static bool IsDay(DayOfWeek day, string named) =>
        named == "daily" || string.Equals(day.ToString(), named, StringComparison.OrdinalIgnoreCase);
}
