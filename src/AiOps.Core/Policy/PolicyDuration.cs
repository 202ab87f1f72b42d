using System.Globalization;

namespace AiOps.Core.Policy;

/// <summary>Durations written as a number and a unit: <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c>.</summary>
public static class PolicyDuration
{
    public static TimeSpan? TryParse(string text)
    {
        var value = text.Trim();
        if (value.Length < 2 || !double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return char.ToLowerInvariant(value[^1]) switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }

    internal static IEnumerable<PolicyIssue> Check(string path, string text, TimeSpan max)
    {
        if (TryParse(text) is not { } span || span > max)
        {
            yield return new(path, $"must be a duration such as 90s, 30m, 24h or 7d, at most {max.TotalDays:0} days, not \"{text}\"");
        }
    }
}
