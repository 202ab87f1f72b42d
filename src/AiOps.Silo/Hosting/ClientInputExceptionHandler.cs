using System.Text.RegularExpressions;
using AiOps.Core.Ingest;
using AiOps.Silo.Features.Requests;
using Microsoft.AspNetCore.Diagnostics;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Turns the exceptions that can only mean bad client input into ProblemDetails: a body that does not decode for
/// its Content-Encoding (400), a body that does not read as its typed record (<see cref="RequestFieldException"/>,
/// 400 naming the field), a parameter that does not bind (400 naming it: routing throws for bad requests, see
/// <see cref="ServiceRegistration"/>), and the server's own request checks such as a body over the size limit
/// (<see cref="BadHttpRequestException"/>, with its status, e.g. 413). Everything else stays a 500.
/// </summary>
internal sealed partial class ClientInputExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, field, detail) = exception switch
        {
            ContentDecodingException => (StatusCodes.Status400BadRequest, "Undecodable body", null, exception.Message),
            RequestFieldException bad => (StatusCodes.Status400BadRequest, "Invalid request", bad.Field, bad.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when Unbound(bad.Message) is { } unbound =>
                (StatusCodes.Status400BadRequest, "Invalid request", unbound.Field, unbound.Detail),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Body too large", null, exception.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", null, exception.Message),
            _ => (0, "", null, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (field is not null)
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return await problems.TryWriteAsync(context);
    }

    /// <summary>The parameter a "Failed to bind parameter" names (as its wire name), and what it should have been.</summary>
    private static (string Field, string Detail)? Unbound(string message)
    {
        var match = FailedToBind().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var field = WireName.Snake(match.Groups["name"].Value);
        var expected = NullableOf().Replace(match.Groups["type"].Value, "$1").TrimEnd('?') switch
        {
            "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
            "bool" or "Boolean" => "true or false",
            "double" or "decimal" or "float" => "a number",
            var type => $"a valid {type}",
        };
        return (field, $"{field}: must be {expected}, not '{FieldRules.Printable(match.Groups["value"].Value)}'");
    }

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableOf();

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();
}
