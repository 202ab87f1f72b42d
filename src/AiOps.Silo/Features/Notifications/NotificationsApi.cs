using AiOps.Contracts.Grains;
using AiOps.Core.Policy;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Notifications;

/// <summary>
/// <c>/api/v3/notifications</c>: the dead-letter list (notifications past notify.yaml <c>give_up_after</c>) and an
/// engineer's retry of one of them.
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/notifications");
        group.MapGet("/", ListAsync).RequireAuthorization(Roles.ReadPolicy);
        group.MapPost("/{id}/retry", RetryAsync).RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit);
        return routes;
    }

    private static async Task<Results<Ok<NotificationListResponse>, ProblemHttpResult>> ListAsync(string? state, IGrainFactory grains, PolicyRuntime policy)
    {
        if (!string.Equals(state, "failed", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter",
                detail: $"state must be 'failed' (the dead-letter list), not '{state}'.");
        }

        var keys = Enumerable.Range(0, policy.Fleet.Notify.Dispatch.Shards).Select(INotificationDispatcherGrain.ShardKey).Append(INotificationDispatcherGrain.LegacyKey);
        var lists = await Task.WhenAll(keys.Select(k => grains.GetGrain<INotificationDispatcherGrain>(k).DeadLettersAsync()));
        var data = lists.SelectMany(l => l).OrderByDescending(e => e.DoneAt).Select(NotificationView.Of).ToList();
        return TypedResults.Ok(new NotificationListResponse(data, data.Count));
    }

    private static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> RetryAsync(string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        if (NotificationIds.Parse(id) is not { } parsed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid notification id",
                detail: $"id must be incident_id.transition.channel as listed by GET /api/v3/notifications?state=failed, not '{id}'.");
        }

        var actor = context.User.ActorName();
        var (entry, retried) = await grains.GetGrain<IIncidentGrain>(parsed.IncidentId).RetryNotificationAsync(parsed.Key, actor);
        if (entry is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notification not found", detail: $"No notification has the id '{id}'.");
        }

        await audit.RecordAsync(actor, "notification_retry", $"notification:{id}", retried ? "success" : "rejected",
            null, retried ? null : $"state {entry.State}", entry.ShipId);
        return retried
            ? TypedResults.Ok(NotificationView.Of(entry))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Notification not dead-lettered",
                detail: $"Only a failed (dead-lettered) notification can be retried; '{id}' is {entry.State}.");
    }
}
