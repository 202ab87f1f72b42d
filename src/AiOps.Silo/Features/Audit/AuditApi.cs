using AiOps.Contracts.Messages;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Audit;

/// <summary><c>GET /api/v3/audit</c>: the audit trail, newest first, filtered by time, user, action and resource.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/audit", QueryAsync).RequireAuthorization(Roles.OperatePolicy)
            .ProducesValidationProblem().WithTags("Audit");
        return routes;
    }

    private static async Task<Ok<AuditPage>> QueryAsync(AuditTrail trail, TimeProvider clock, [AsParameters] AuditQuery query)
    {
        var filter = query.ToFilter(clock.GetUtcNow());
        var entries = await trail.QueryAsync(filter);
        return TypedResults.Ok(new AuditPage(entries, filter.Since, filter.Until));
    }
}

public sealed record AuditPage(IReadOnlyList<AuditEvent> Data, DateTimeOffset Since, DateTimeOffset Until);
