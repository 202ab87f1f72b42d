using System.Text.RegularExpressions;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Gives every 400 ProblemDetails both shapes: <c>errors: {field: [message]}</c> (RFC 9457 validation, so a client can
/// put the message beside the field without reading prose) and a <c>detail</c> that names the field (the house
/// convention: <c>field: message</c>, <c>field 'name' ...</c>, <c>unknown ... 'name'</c>). Validation's problems
/// (<c>AddValidation()</c>) come keyed by C# member; they are keyed by wire name here and get their detail. A
/// problem that already carries <c>errors</c> (ingest's per-item list) keeps its own.
/// </summary>
public static partial class FieldErrors
{
    public static void Add(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails validation)
        {
            ByWireName(validation);
            return;
        }

        if (problem.Status != StatusCodes.Status400BadRequest || problem.Detail is not { } detail || problem.Extensions.ContainsKey("errors"))
        {
            return;
        }

        if (FieldOf(detail) is { } field)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
    }

    /// <summary>
    /// Keys each error by the wire name its message names (a query's <c>per_page</c> rather than <c>PerPage</c>),
    /// else by the snake_case of its member path, and says all of them in <c>detail</c>.
    /// </summary>
    private static void ByWireName(HttpValidationProblemDetails problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in problem.Errors)
        {
            var field = messages.Select(FieldOf).FirstOrDefault(f => f is not null) ?? string.Join('.', key.Split('.').Select(Snake));
            errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        problem.Errors = errors;
        problem.Detail ??= string.Join("; ", errors.Values.SelectMany(m => m));
    }

    private static string Snake(string segment) =>
        segment.IndexOf('[') is var bracket and > 0
            ? Features.Requests.WireName.Snake(segment[..bracket]) + segment[bracket..]
            : Features.Requests.WireName.Snake(segment);

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
