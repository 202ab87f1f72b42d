using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Grains.Silences;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Silo.Features.Silences;

/// <summary><c>/api/v3/silences</c>: Alertmanager-style silences; engineers and admins create and expire them, readers list them.</summary>
public static class SilencesApi
{
    public static IEndpointRouteBuilder MapSilencesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/silences");
        group.MapGet("/", ListAsync).RequireAuthorization(Roles.ReadPolicy);
        group.MapGet("/{silenceId}", GetAsync).RequireAuthorization(Roles.ReadPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{silenceId}", ExpireAsync).RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit);
        return routes;
    }

    private static ISilenceRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<ISilenceRegistryGrain>(ISilenceRegistryGrain.Fleet);

    private static async Task<Ok<SilenceListResponse>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(new SilenceListResponse(await Registry(grains).ListAsync()));

    private static async Task<Results<Ok<Silence>, ProblemHttpResult>> GetAsync(string silenceId, IGrainFactory grains) =>
        await Registry(grains).GetAsync(silenceId) is { } silence ? TypedResults.Ok(silence) : NotFound(silenceId);

    private static async Task<Results<Created<Silence>, ProblemHttpResult>> CreateAsync(SilenceRequest body, HttpContext http, IGrainFactory grains,
        TimeProvider clock, AuditTrail audit, [FromServices] SilenceCache? cache)
    {
        var now = clock.GetUtcNow();
        var actor = http.User.ActorName();
        var (created, problem) = await Registry(grains).CreateAsync(new Silence
        {
            SilenceId = "",
            Matchers = body.Matchers,
            StartsAt = body.StartsAt ?? now,
            EndsAt = body.EndsAt!.Value,
            Comment = body.Comment,
            CreatedBy = actor,
            CreatedAt = now,
        });
        if (created is null)
        {
            await audit.RecordAsync(actor, "silence_create", "silence:new", "rejected", Details(body.Matchers, body.Comment), problem);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many silences", detail: problem);
        }

        await audit.RecordAsync(actor, "silence_create", $"silence:{created.SilenceId}", "success", Details(created.Matchers, created.Comment));
        await RefreshLocalAsync(cache);
        return TypedResults.Created($"/api/v3/silences/{created.SilenceId}", created);
    }

    private static async Task<Results<Ok<Silence>, ProblemHttpResult>> ExpireAsync(string silenceId, HttpRequest request, IGrainFactory grains,
        AuditTrail audit, [FromServices] SilenceCache? cache)
    {
        var actor = request.HttpContext.User.ActorName();
        var expired = await Registry(grains).ExpireAsync(silenceId, actor);
        if (expired is null)
        {
            return NotFound(silenceId);
        }

        await audit.RecordAsync(actor, "silence_expire", $"silence:{silenceId}", "success", Details(expired.Matchers, expired.Comment));
        await RefreshLocalAsync(cache);
        return TypedResults.Ok(expired);
    }

    /// <summary>
    /// The silo that took the change applies it at once; the other silos within <c>silences.refresh_sec</c>.
    /// An API-only front end has no cache (it correlates nothing).
    /// </summary>
    private static Task RefreshLocalAsync(SilenceCache? cache) => cache?.RefreshAsync() ?? Task.CompletedTask;

    private static Dictionary<string, string> Details(IReadOnlyList<SilenceMatcher> matchers, string? comment)
    {
        var details = new Dictionary<string, string>
        {
            ["matchers"] = string.Join(", ", matchers.Select(m => $"{m.Name}{(m.IsEqual ? "" : "!")}{(m.IsRegex ? "=~" : "=")}\"{m.Value}\"")),
        };
        if (comment is not null)
        {
            details["comment"] = comment;
        }

        return details;
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Silence not found", detail: $"No silence has the id '{id}'.");
}
