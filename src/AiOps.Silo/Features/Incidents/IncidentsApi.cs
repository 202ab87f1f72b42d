using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Incidents;

/// <summary><c>/api/v3/incidents</c>: list with filters and paging, one incident, status changes.</summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/incidents");
        group.MapGet("/", ListAsync).RequireAuthorization(Roles.ReadPolicy).ProducesValidationProblem();
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Roles.ReadPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", PatchAsync).RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.WithTags("Incidents");
        return routes;
    }

    private static async Task<Ok<IncidentListResponse>> ListAsync([AsParameters] IncidentListQuery filters, IGrainFactory grains, IIncidentIndex index,
        CancellationToken cancellationToken)
    {
        var query = filters.ToQuery();
        var page = await index.QueryAsync(query, cancellationToken);
        var incidents = await Task.WhenAll(page.IncidentIds.Select(id => grains.GetGrain<IIncidentGrain>(id).GetAsync()));
        var pages = (int)Math.Ceiling(page.Total / (double)query.PerPage);
        return TypedResults.Ok(new IncidentListResponse(incidents.OfType<Incident>().ToList(), page.Total, query.Page, query.PerPage, pages));
    }

    private static async Task<Results<Ok<Incident>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains)
    {
        var incident = await grains.GetGrain<IIncidentGrain>(id).GetAsync();
        return incident is null ? NotFound(id) : TypedResults.Ok(incident);
    }

    private static async Task<Results<Ok<Incident>, ProblemHttpResult>> PatchAsync(string id, StatusPatch patch, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var actor = http.User.ActorName();
        var grain = grains.GetGrain<IIncidentGrain>(id);
        StatusChangeResult? result = null;
        if (patch.Target() is { } status)
        {
            var owner = await IncidentOwners.OfAsync(grains, id);
            result = owner is null ? null : await owner.ChangeIncidentStatusAsync(id, new StatusChangeRequest(status, patch.Comment, actor));
            if (result is null)
            {
                return NotFound(id);
            }

            if (result.Incident is { } changed)
            {
                IncidentOwners.TellServicesTheirTemplatesWereActedOn(grains, changed);
            }

            var details = new Dictionary<string, string> { ["status"] = status.ToString().ToLowerInvariant() };
            if (patch.Comment is not null)
            {
                details["comment"] = patch.Comment;
            }

            await audit.RecordAsync(actor, "incident_status_change", $"incident:{id}", result.Incident is null ? "rejected" : "success",
                details, result.Conflict, result.Incident?.ShipId ?? "fleet");
        }

        if (patch.OwnerGiven && (patch.Status is null || result?.Incident is not null))
        {
            result = await grain.AssignAsync(patch.NewOwner(), actor);
            if (result is null)
            {
                return NotFound(id);
            }

            await audit.RecordAsync(actor, "incident_assign", $"incident:{id}", "success",
                new Dictionary<string, string> { ["owner"] = patch.NewOwner() ?? "" }, null, result.Incident?.ShipId ?? "fleet");
        }

        return result!.Incident is { } incident
            ? TypedResults.Ok(incident)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Illegal status transition", detail: result.Conflict);
    }

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Incident not found", detail: $"No incident has the id '{id}'.");
}
