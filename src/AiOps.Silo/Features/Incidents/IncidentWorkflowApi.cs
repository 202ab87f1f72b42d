using System.Globalization;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Features.Requests;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// The incident workflow beside status changes: comments, explain (why grouped), reopen, link, merge and split.
/// Changes need the operate role (engineer, admin), as status changes do, and are audited.
/// </summary>
public static class IncidentWorkflowApi
{
    private const int MaxTextLength = StatusPatch.MaxCommentLength;
    private const int MaxIdLength = 200;

    public static IEndpointRouteBuilder MapIncidentWorkflowApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/incidents");
        group.MapGet("/{id}/explain", ExplainAsync).RequireAuthorization(Roles.ReadPolicy);
        foreach (var (path, handler) in new (string, Delegate)[]
                 {
                     ("/{id}/comments", CommentAsync), ("/{id}/reopen", ReopenAsync), ("/{id}/link", LinkAsync),
                     ("/{id}/merge", MergeAsync), ("/{id}/split", SplitAsync),
                 })
        {
            group.MapPost(path, handler).RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit);
        }

        return routes;
    }

    private static async Task<Results<Ok<IncidentExplanation>, ProblemHttpResult>> ExplainAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IIncidentGrain>(id).GetAsync() is { } incident ? TypedResults.Ok(IncidentExplanation.Of(incident)) : IncidentsApi.NotFound(id);

    private static async Task<IResult> CommentAsync(string id, HttpRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var (body, error) = await FieldsBody.ReadAsync(request, ["text"], "{\"text\": \"...\"}", request.HttpContext.RequestAborted);
        string? text = null;
        if (body is not null)
        {
            (text, error) = body.String("text", MaxTextLength, required: true);
        }

        if (error is not null)
        {
            return BadRequest(error);
        }

        var actor = request.HttpContext.User.ActorName();
        var result = await grains.GetGrain<IIncidentGrain>(id).CommentAsync(actor, text!);
        var answer = await AnswerAsync(id, result, actor, "incident_comment", audit, new() { ["text"] = text! });
        return result?.Incident is { } incident
            ? TypedResults.Created($"/api/v3/incidents/{id}", incident.Comments[^1])
            : answer;
    }

    private static async Task<IResult> ReopenAsync(string id, HttpRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var (comment, error) = await OptionalCommentAsync(request);
        if (error is not null)
        {
            return BadRequest(error);
        }

        var actor = request.HttpContext.User.ActorName();
        var result = await grains.GetGrain<IIncidentGrain>(id).ReopenAsync(actor, comment);
        return await AnswerAsync(id, result, actor, "incident_reopen", audit, comment is null ? [] : new() { ["comment"] = comment });
    }

    private static async Task<IResult> LinkAsync(string id, HttpRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var (other, error) = await OtherIncidentAsync(request, id, grains);
        if (error is not null)
        {
            return error;
        }

        var actor = request.HttpContext.User.ActorName();
        var result = await grains.GetGrain<IIncidentGrain>(id).LinkAsync(other!, actor);
        if (result?.Incident is not null)
        {
            await grains.GetGrain<IIncidentGrain>(other!).LinkAsync(id, actor);
        }

        return await AnswerAsync(id, result, actor, "incident_link", audit, new() { ["incident_id"] = other! });
    }

    /// <summary>
    /// Merges the body's <c>incident_id</c> into this one. The other is closed as merged first, with the handoff of
    /// its members written in the same change: from then on its correlation key feeds this one, nothing can be added
    /// to it any more, and it delivers its members here until they are taken, so no member is lost in between.
    /// </summary>
    private static async Task<IResult> MergeAsync(string id, HttpRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var (other, error) = await OtherIncidentAsync(request, id, grains);
        if (error is not null)
        {
            return error;
        }

        var target = grains.GetGrain<IIncidentGrain>(id);
        if (await target.GetAsync() is not { } into)
        {
            return IncidentsApi.NotFound(id);
        }

        var actor = request.HttpContext.User.ActorName();
        var details = new Dictionary<string, string> { ["incident_id"] = other! };
        if (into.Status == Contracts.IncidentStatus.Merged)
        {
            return await AnswerAsync(id, new StatusChangeResult(null, $"the incident was merged into {into.MergedInto}; merge into that one"),
                actor, "incident_merge", audit, details);
        }

        var result = await grains.GetGrain<IIncidentGrain>(other!).MergeIntoAsync(id, actor);
        return await AnswerAsync(id, result ?? new StatusChangeResult(null, $"no incident has the id '{other}'"), actor, "incident_merge", audit, details);
    }

    private static async Task<IResult> SplitAsync(string id, HttpRequest request, IGrainFactory grains, AuditTrail audit, TimeProvider clock)
    {
        var (body, error) = await FieldsBody.ReadAsync(request, ["tracking_ids", "comment"], "{\"tracking_ids\": [\"...\"]}", request.HttpContext.RequestAborted);
        IReadOnlyList<string>? trackingIds = null;
        if (body is not null)
        {
            (trackingIds, error) = body.Strings("tracking_ids", 10_000);
            error ??= body.String("comment", MaxTextLength, required: false).Error;
        }

        if (error is not null)
        {
            return BadRequest(error);
        }

        var actor = request.HttpContext.User.ActorName();
        var newId = NewSplitId(id, trackingIds!, clock.GetUtcNow());
        var details = new Dictionary<string, string> { ["new_incident_id"] = newId, ["tracking_ids"] = string.Join(",", trackingIds!.Take(50)) };
        var result = await grains.GetGrain<IIncidentGrain>(id).SplitOutAsync(trackingIds!, newId, actor);
        if (result?.Incident is not { } opened)
        {
            return await AnswerAsync(id, result, actor, "incident_split", audit, details);
        }

        await audit.RecordAsync(actor, "incident_split", $"incident:{id}", "success", details, null, opened.ShipId);
        return TypedResults.Created($"/api/v3/incidents/{newId}", opened);
    }

    private static string NewSplitId(string sourceId, IReadOnlyList<string> trackingIds, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture,
            $"INC-{now.UtcDateTime:yyyyMMdd-HHmmss}-{(uint)Contracts.StableHash.Of(sourceId + "|" + string.Join(",", trackingIds.Order(StringComparer.Ordinal))):x8}");

    private static async Task<(string? Comment, string? Error)> OptionalCommentAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.HasJsonContentType()))
        {
            return (null, null);
        }

        var (body, error) = await FieldsBody.ReadAsync(request, ["comment"], "{\"comment\": \"...\"}", request.HttpContext.RequestAborted);
        return body is null ? (null, error) : body.String("comment", MaxTextLength, required: false);
    }

    /// <summary>The body's <c>incident_id</c>: another incident that exists.</summary>
    private static async Task<(string? Other, IResult? Error)> OtherIncidentAsync(HttpRequest request, string id, IGrainFactory grains)
    {
        var (body, error) = await FieldsBody.ReadAsync(request, ["incident_id", "comment"], "{\"incident_id\": \"INC-...\"}", request.HttpContext.RequestAborted);
        string? other = null;
        if (body is not null)
        {
            (other, error) = body.String("incident_id", MaxIdLength, required: true);
            error ??= body.String("comment", MaxTextLength, required: false).Error;
        }

        if (error is null && other == id)
        {
            error = "field 'incident_id' names this incident itself";
        }

        if (error is not null)
        {
            return (null, BadRequest(error));
        }

        return await grains.GetGrain<IIncidentGrain>(other!).GetAsync() is null
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Incident not found", detail: $"field 'incident_id': no incident has the id '{other}'."))
            : (other, null);
    }

    /// <summary>Audits the change and answers with the incident, 404 when it is unknown, or 409 with the reason it was refused.</summary>
    private static async Task<IResult> AnswerAsync(string id, StatusChangeResult? result, string actor, string action, AuditTrail audit, Dictionary<string, string> details)
    {
        if (result is null)
        {
            return IncidentsApi.NotFound(id);
        }

        var outcome = result.Incident is not null ? "success" : result.Pending is not null ? "pending" : "rejected";
        await audit.RecordAsync(actor, action, $"incident:{id}", outcome, details, result.Conflict ?? result.Pending, result.Incident?.ShipId ?? "fleet");
        if (result.Pending is { } pending)
        {
            return TypedResults.Accepted($"/api/v3/incidents/{id}", new PendingChange("pending", pending));
        }

        return result.Incident is { } incident
            ? TypedResults.Ok(incident)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Change not allowed", detail: result.Conflict);
    }

    /// <summary>A change that is recorded and finishes by itself (202).</summary>
    internal sealed record PendingChange(string Status, string Detail);

    private static ProblemHttpResult BadRequest(string error) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: error);
}
