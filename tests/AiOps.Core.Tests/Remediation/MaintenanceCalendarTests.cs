using AiOps.Core.Policy;
using AiOps.Core.Remediation;

namespace AiOps.Core.Tests.Remediation;

public sealed class MaintenanceCalendarTests
{
    [Theory]
    [InlineData("2026-11-29T02:00:00Z", true)]   // Sunday, start is inside
    [InlineData("2026-11-29T03:59:00Z", true)]
    [InlineData("2026-11-29T04:00:00Z", false)]  // end is outside
    [InlineData("2026-11-28T03:00:00Z", false)]  // Saturday
    public void A_weekly_window_holds_from_its_start_to_its_end(string at, bool inside)
    {
        var window = new MaintenanceWindow { Name = "weekly", Day = "sunday", Start = "02:00", End = "04:00", Timezone = "UTC" };

        Assert.Equal(inside, MaintenanceCalendar.IsInside(DateTimeOffset.Parse(at), window));
    }

    [Theory]
    [InlineData("2026-11-29T23:30:00Z", true)]   // Sunday night
    [InlineData("2026-11-30T00:30:00Z", true)]   // Monday after midnight still belongs to Sunday's window
    [InlineData("2026-11-30T23:30:00Z", false)]  // Monday night is not Sunday's
    public void A_window_past_midnight_belongs_to_the_day_it_starts(string at, bool inside)
    {
        var window = new MaintenanceWindow { Name = "night", Day = "sunday", Start = "23:00", End = "01:00", Timezone = "UTC" };

        Assert.Equal(inside, MaintenanceCalendar.IsInside(DateTimeOffset.Parse(at), window));
    }

    [Fact]
    public void A_window_is_read_in_its_own_time_zone()
    {
        // 02:30 in Oslo on a winter Sunday is 01:30 UTC.
        var window = new MaintenanceWindow { Name = "oslo", Day = "sunday", Start = "02:00", End = "04:00", Timezone = "Europe/Oslo" };

        Assert.True(MaintenanceCalendar.IsInside(DateTimeOffset.Parse("2026-11-29T01:30:00Z"), window));
        Assert.False(MaintenanceCalendar.IsInside(DateTimeOffset.Parse("2026-11-29T03:30:00Z"), window));
    }
}
