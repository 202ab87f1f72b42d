using AiOps.Contracts.Messages;
using AiOps.Core.Stats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Stats;

/// <summary><c>GET /api/v3/stats?time_range=1h</c>: real counts and Fast Path latency percentiles.</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/stats", GetAsync).RequireAuthorization(Security.Roles.ReadPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).WithTags("Stats");
        return routes;
    }

    private static async Task<Results<Ok<StatsSnapshot>, ProblemHttpResult>> GetAsync(StatsReader reader, string? time_range)
    {
        var range = string.IsNullOrEmpty(time_range) ? "1h" : time_range;
        if (!TimeRange.TryParseHours(range, out var hours))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid time_range",
                detail: $"time_range: '{range}' must be a number followed by h, d or w (e.g. 1h, 24h, 7d, 1w), from 1h to {TimeRange.MaxHours}h.");
        }

        return TypedResults.Ok(await reader.ReadAsync(range, hours));
    }
}
