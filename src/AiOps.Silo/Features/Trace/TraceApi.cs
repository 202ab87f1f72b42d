using AiOps.Core.Ingest;
using AiOps.Core.Tracing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Trace;

/// <summary><c>GET /api/v3/trace/{tracking_id}</c>: the real stages of one event, or 404.</summary>
public static class TraceApi
{
    public static IEndpointRouteBuilder MapTraceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/trace/{trackingId}", GetAsync).RequireAuthorization(Security.Roles.ReadPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).WithTags("Trace");
        return routes;
    }

    private static async Task<Results<Ok<TraceView>, ProblemHttpResult>> GetAsync(string trackingId, TraceReader reader)
    {
        if (!TrackingIds.IsValid(trackingId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid tracking id",
                detail: $"tracking_id: must be 1-{TrackingIds.MaxLength} letters, digits, '-', '_', '.' or ':'.");
        }

        var trace = await reader.FindAsync(trackingId);
        return trace is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Trace not found",
                detail: $"No trace is known for tracking_id '{trackingId}': it was never ingested here, or it is older than the trace retention.")
            : TypedResults.Ok(trace);
    }
}
