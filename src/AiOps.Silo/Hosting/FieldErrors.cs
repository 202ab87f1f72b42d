using System.Text.RegularExpressions;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Gives every 400 ProblemDetails whose <c>detail</c> names a field (the house convention: <c>field: message</c>,
/// <c>field 'name' ...</c>, <c>unknown ... 'name'</c>) the RFC 9457 validation shape as well:
/// <c>errors: {field: [message]}</c>, so a client can put the message beside the field without reading prose.
/// A problem that already carries <c>errors</c> (ingest's per-item list) keeps its own.
/// </summary>
public static partial class FieldErrors
{
    public static void Add(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Detail is not { } detail || problem.Extensions.ContainsKey("errors"))
        {
            return;
        }

        if (FieldOf(detail) is { } field)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
    }

    /// <summary>The field a detail names, or null when it names none.</summary>
    public static string? FieldOf(string detail)
    {
        var match = Leading().Match(detail);
        if (match.Success)
        {
            return match.Groups[1].Value;
        }

        match = Quoted().Match(detail);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^([a-z_][a-zA-Z0-9_.\[\]]*)(?::| must | is )")]
    private static partial Regex Leading();

    [GeneratedRegex(@"^(?:field|label|unknown field|unknown query parameter) '([^']{1,128})'")]
    private static partial Regex Quoted();
}
