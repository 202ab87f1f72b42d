using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Core.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Logs;

/// <summary><c>GET /api/v3/templates?ship_id=&amp;service=</c>: the log templates a ship's service has mined.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/templates", GetAsync).RequireAuthorization(Security.Roles.ReadPolicy);
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<LogTemplateView>>, ProblemHttpResult>> GetAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "ship_id")] string? shipId, string? service, IGrainFactory grains)
    {
        string ship, name;
        try
        {
            ship = FieldRules.ShipId(FieldRules.Required(shipId, "ship_id"));
            name = FieldRules.Name(FieldRules.Required(service, "service"), "service");
        }
        catch (InvalidItemException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: e.Message);
        }

        var templates = await grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, name)).TemplatesAsync();
        return TypedResults.Ok(templates);
    }
}
