namespace AiOps.Core.Policy;

/// <summary>Small range checks shared by the policy segments.</summary>
internal static class Checks
{
    public static IEnumerable<PolicyIssue> Positive(string path, double value)
    {
        if (!(value > 0))
        {
            yield return new(path, $"must be greater than 0, not {value}");
        }
    }

    public static IEnumerable<PolicyIssue> Between(string path, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            yield return new(path, $"must be between {min} and {max}, not {value}");
        }
    }

    public static IEnumerable<PolicyIssue> OneOf(string path, string value, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            yield return new(path, $"must be one of {string.Join(", ", allowed)}, not \"{value}\"");
        }
    }

    public static IEnumerable<PolicyIssue> Regex(string path, string pattern)
    {
        string? error = null;
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }

        if (error is not null)
        {
            yield return new(path, $"is not a valid regular expression: {error}");
        }
    }

    public static readonly string[] Severities = ["low", "medium", "high", "critical"];
}
