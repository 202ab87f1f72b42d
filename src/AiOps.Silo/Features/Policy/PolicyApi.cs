using System.Text.Json.Nodes;
using AiOps.Core.Policy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Policy;

/// <summary>
/// <c>GET /api/v3/policy[?ship_id=]</c>: the effective policy with each value's source (default / fleet /
/// override); <c>GET /api/v3/policy/diff?ship_id=</c>: what that ship overrides.
/// </summary>
public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/policy").RequireAuthorization(Security.Roles.ReadPolicy).WithTags("Policy");
        group.MapGet("/", (PolicyRuntime runtime, string? ship_id) =>
            TypedResults.Ok(PolicyView.Of(runtime.Bundle.For(ship_id), runtime.Bundle.OverriddenShips)));
        group.MapGet("/diff", Results<Ok<JsonObject>, ProblemHttpResult> (PolicyRuntime runtime, string? ship_id) =>
        {
            if (string.IsNullOrWhiteSpace(ship_id))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "ship_id required",
                    detail: "ship_id: name the ship whose overrides to show, e.g. /api/v3/policy/diff?ship_id=viking-star");
            }

            var changes = PolicyView.Diff(runtime.Bundle.Fleet, runtime.Bundle.For(ship_id));
            return TypedResults.Ok(new JsonObject
            {
                ["ship_id"] = ship_id,
                ["has_changes"] = changes.Count > 0,
                ["changes"] = new JsonArray(changes.Select(c => (JsonNode)new JsonObject
                {
                    ["section"] = c.Section,
                    ["key"] = c.Key,
                    ["fleet_value"] = c.FleetValue,
                    ["ship_value"] = c.ShipValue,
                }).ToArray()),
            });
        }).ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }
}
