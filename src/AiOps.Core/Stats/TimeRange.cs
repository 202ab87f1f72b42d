using System.Globalization;

namespace AiOps.Core.Stats;

/// <summary>Stats time ranges: <c>Nh</c>, <c>Nd</c> or <c>Nw</c>, from 1 hour to 8760 hours (one year).</summary>
public static class TimeRange
{
    public const int MaxHours = 8760;

    public static bool TryParseHours(string? text, out int hours)
    {
        hours = 0;
        if (string.IsNullOrEmpty(text) || text.Length < 2)
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]) switch { 'h' => 1, 'd' => 24, 'w' => 168, _ => 0 };
        if (unit == 0 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        var total = (long)count * unit;
        if (total is < 1 or > MaxHours)
        {
            return false;
        }

        hours = (int)total;
        return true;
    }
}
