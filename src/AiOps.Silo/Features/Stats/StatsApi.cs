using AiOps.Contracts.Messages;
using AiOps.Core.Stats;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Silo.Features.Stats;

/// <summary><c>GET /api/v3/stats?time_range=1h</c>: real counts and Fast Path latency percentiles.</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/stats", GetAsync).RequireAuthorization(Security.Roles.ReadPolicy)
            .ProducesValidationProblem().WithTags("Stats");
        return routes;
    }

    private static async Task<Ok<StatsSnapshot>> GetAsync(StatsReader reader, [FromQuery(Name = "time_range"), StatsRange] string? timeRange)
    {
        var range = string.IsNullOrEmpty(timeRange) ? "1h" : timeRange;
        TimeRange.TryParseHours(range, out var hours);
        return TypedResults.Ok(await reader.ReadAsync(range, hours));
    }
}
