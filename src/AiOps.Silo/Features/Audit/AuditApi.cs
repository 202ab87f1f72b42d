using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Audit;

/// <summary><c>GET /api/v3/audit</c>: the audit trail, newest first, filtered by time, user, action and resource.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/audit", QueryAsync).RequireAuthorization(Roles.OperatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).WithTags("Audit");
        return routes;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> QueryAsync(
        AuditTrail trail, TimeProvider clock, string? since, string? until, string? user, string? action, string? resource, string? limit)
    {
        var now = clock.GetUtcNow();
        if (!TryTime(since, now.AddDays(-7), out var from))
        {
            return Invalid("since", "must be an ISO-8601 time, e.g. 2026-11-24T00:00:00Z");
        }

        if (!TryTime(until, now, out var to))
        {
            return Invalid("until", "must be an ISO-8601 time, e.g. 2026-11-24T00:00:00Z");
        }

        if (to < from || (to - from).TotalDays > AuditTrail.MaxDays)
        {
            return Invalid("since", $"must be before until and at most {AuditTrail.MaxDays} days earlier");
        }

        var count = 100;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > 1000))
        {
            return Invalid("limit", "must be a whole number from 1 to 1000");
        }

        var entries = await trail.QueryAsync(new AuditFilter(from, to, Blank(user), Blank(action), Blank(resource), count));
        return TypedResults.Ok(new AuditPage(entries, from, to));
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        return text is null || DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out value);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid audit query", detail: $"{field}: {message}");
}

public sealed record AuditPage(IReadOnlyList<AuditEvent> Data, DateTimeOffset Since, DateTimeOffset Until);
