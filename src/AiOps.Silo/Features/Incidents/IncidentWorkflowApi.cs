using System.Globalization;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Contracts.Messages;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// The incident workflow beside status changes: comments, explain (why grouped), reopen, link, merge and split.
/// Changes need the operate role (engineer, admin), as status changes do, and are audited.
/// </summary>
public static class IncidentWorkflowApi
{
    public static IEndpointRouteBuilder MapIncidentWorkflowApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/incidents").WithTags("Incidents");
        group.MapGet("/{id}/explain", ExplainAsync).RequireAuthorization(Roles.ReadPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        var changes = group.MapGroup("").RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit);
        changes.MapPost("/{id}/comments", CommentAsync).WithChangeResponses();
        changes.MapPost("/{id}/reopen", ReopenAsync).WithChangeResponses();
        changes.MapPost("/{id}/link", LinkAsync).WithChangeResponses();
        changes.MapPost("/{id}/merge", MergeAsync).WithChangeResponses();
        changes.MapPost("/{id}/split", SplitAsync).WithChangeResponses();
        return routes;
    }

    private static RouteHandlerBuilder WithChangeResponses(this RouteHandlerBuilder route) => route
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<IncidentExplanation>, ProblemHttpResult>> ExplainAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IIncidentGrain>(id).GetAsync() is { } incident ? TypedResults.Ok(IncidentExplanation.Of(incident)) : IncidentsApi.NotFound(id);

    private static async Task<Results<Created<IncidentComment>, ProblemHttpResult>> CommentAsync(
        string id, CommentBody body, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var actor = http.User.ActorName();
        var result = await grains.GetGrain<IIncidentGrain>(id).CommentAsync(actor, body.Text);
        await AuditAsync(id, result, actor, "incident_comment", audit, new() { ["text"] = body.Text });
        return result?.Incident is { } incident
            ? TypedResults.Created($"/api/v3/incidents/{id}", incident.Comments[^1])
            : Refusal(id, result);
    }

    private static async Task<Results<Ok<Incident>, ProblemHttpResult>> ReopenAsync(
        string id, ReopenBody? body, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var actor = http.User.ActorName();
        var comment = body?.Comment;
        var owner = await IncidentOwners.OfAsync(grains, id);
        var result = owner is null ? null : await owner.ReopenIncidentAsync(id, actor, comment);
        return await AnswerAsync(id, result, actor, "incident_reopen", audit, comment is null ? [] : new() { ["comment"] = comment });
    }

    private static async Task<Results<Ok<Incident>, ProblemHttpResult>> LinkAsync(
        string id, RelatedIncidentBody body, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        if (await OtherIncidentProblemAsync(id, body, grains) is { } problem)
        {
            return problem;
        }

        var actor = http.User.ActorName();
        var result = await grains.GetGrain<IIncidentGrain>(id).LinkAsync(body.IncidentId, actor);
        if (result?.Incident is not null)
        {
            await grains.GetGrain<IIncidentGrain>(body.IncidentId).LinkAsync(id, actor);
        }

        return await AnswerAsync(id, result, actor, "incident_link", audit, new() { ["incident_id"] = body.IncidentId });
    }

    /// <summary>
    /// Merges the body's <c>incident_id</c> into this one. The other is closed as merged first, with the handoff of
    /// its members written in the same change: from then on its correlation key feeds this one, nothing can be added
    /// to it any more, and it delivers its members here until they are taken, so no member is lost in between.
    /// </summary>
    private static async Task<Results<Ok<Incident>, Accepted<PendingChange>, ProblemHttpResult>> MergeAsync(
        string id, RelatedIncidentBody body, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        if (await OtherIncidentProblemAsync(id, body, grains) is { } problem)
        {
            return problem;
        }

        var other = body.IncidentId;
        var target = grains.GetGrain<IIncidentGrain>(id);
        if (await target.GetAsync() is not { } into)
        {
            return IncidentsApi.NotFound(id);
        }

        var actor = http.User.ActorName();
        var details = new Dictionary<string, string> { ["incident_id"] = other };
        if (into.Status == Contracts.IncidentStatus.Merged)
        {
            var refused = new StatusChangeResult(null, $"the incident was merged into {into.MergedInto}; merge into that one");
            await AuditAsync(id, refused, actor, "incident_merge", audit, details);
            return Refusal(id, refused);
        }

        var owner = await IncidentOwners.OfAsync(grains, other);
        var result = (owner is null ? null : await owner.MergeIncidentAsync(other, id, actor))
            ?? new StatusChangeResult(null, $"no incident has the id '{other}'");
        await AuditAsync(id, result, actor, "incident_merge", audit, details);
        if (result.Pending is { } pending)
        {
            return TypedResults.Accepted($"/api/v3/incidents/{id}", new PendingChange("pending", pending));
        }

        return result.Incident is { } incident ? TypedResults.Ok(incident) : Refusal(id, result);
    }

    private static async Task<Results<Created<Incident>, Accepted<PendingChange>, ProblemHttpResult>> SplitAsync(
        string id, SplitBody body, HttpContext http, IGrainFactory grains, AuditTrail audit, TimeProvider clock)
    {
        var actor = http.User.ActorName();
        var trackingIds = body.TrackingIds.Distinct(StringComparer.Ordinal).ToList();
        var newId = NewSplitId(id, trackingIds, clock.GetUtcNow());
        var details = new Dictionary<string, string> { ["new_incident_id"] = newId, ["tracking_ids"] = string.Join(",", trackingIds.Take(50)) };
        var owner = await IncidentOwners.OfAsync(grains, id);
        var result = owner is null ? null : await owner.SplitIncidentAsync(id, trackingIds, newId, actor);
        if (result?.Incident is not { } opened)
        {
            await AuditAsync(id, result, actor, "incident_split", audit, details);
            return result?.Pending is { } pending
                ? TypedResults.Accepted($"/api/v3/incidents/{newId}", new PendingChange("pending", pending))
                : Refusal(id, result);
        }

        await audit.RecordAsync(actor, "incident_split", $"incident:{id}", "success", details, null, opened.ShipId);
        return TypedResults.Created($"/api/v3/incidents/{newId}", opened);
    }

    private static string NewSplitId(string sourceId, IReadOnlyList<string> trackingIds, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture,
            $"INC-{now.UtcDateTime:yyyyMMdd-HHmmss}-{(uint)Contracts.StableHash.Of(sourceId + "|" + string.Join(",", trackingIds.Order(StringComparer.Ordinal))):x8}");

    /// <summary>A problem when the body's <c>incident_id</c> is this incident itself (400) or no incident (404).</summary>
    private static async Task<ProblemHttpResult?> OtherIncidentProblemAsync(string id, RelatedIncidentBody body, IGrainFactory grains)
    {
        if (body.IncidentId == id)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "field 'incident_id' names this incident itself");
        }

        return await grains.GetGrain<IIncidentGrain>(body.IncidentId).GetAsync() is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Incident not found", detail: $"field 'incident_id': no incident has the id '{body.IncidentId}'.")
            : null;
    }

    /// <summary>Audits the change and answers with the incident, 404 when it is unknown, or 409 with the reason it was refused.</summary>
    private static async Task<Results<Ok<Incident>, ProblemHttpResult>> AnswerAsync(string id, StatusChangeResult? result, string actor, string action, AuditTrail audit, Dictionary<string, string> details)
    {
        await AuditAsync(id, result, actor, action, audit, details);
        return result?.Incident is { } incident ? TypedResults.Ok(incident) : Refusal(id, result);
    }

    private static async Task AuditAsync(string id, StatusChangeResult? result, string actor, string action, AuditTrail audit, Dictionary<string, string> details)
    {
        if (result is not null)
        {
            var outcome = result.Incident is not null ? "success" : result.Pending is not null ? "pending" : "rejected";
            await audit.RecordAsync(actor, action, $"incident:{id}", outcome, details, result.Conflict ?? result.Pending, result.Incident?.ShipId ?? "fleet");
        }
    }

    /// <summary>404 for an unknown incident, else 409 with the reason the change was refused.</summary>
    private static ProblemHttpResult Refusal(string id, StatusChangeResult? result) =>
        result is null
            ? IncidentsApi.NotFound(id)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Change not allowed", detail: result.Conflict);

    /// <summary>A merge or split that is recorded and finishes by itself (202): the other incident could not be reached yet.</summary>
    internal sealed record PendingChange(string Status, string Detail);
}
