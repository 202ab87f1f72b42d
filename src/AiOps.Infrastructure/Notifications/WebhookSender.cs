using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Infrastructure.Notifications;

/// <summary>notify.yaml <c>webhook</c>: the incident transition as JSON, signed with HMAC-SHA256 when a secret is set.</summary>
public sealed class WebhookSender(HttpClient http, NotificationSettings settings) : INotificationSender
{
    public string Channel => "webhook";


    public Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation)
    {
        var channel = policy.Channels.Webhook;
        var payload = new
        {
            IdempotencyKey = entry.Key,
            entry.IncidentId,
            entry.ShipId,
            entry.IncidentType,
            entry.Transition,
            Severity = entry.Severity.ToString().ToLowerInvariant(),
            Status = entry.Status.ToString().ToLowerInvariant(),
            Summary = NotificationText.Subject(entry, policy),
            entry.Actor,
            Ts = entry.CreatedAt,
            Link = IncidentLink.Of(settings, entry.IncidentId),
        };
        return HttpNotificationPost.SendAsync(http, NotificationSettings.Expand(channel.Url), payload, entry,
            NotificationSettings.Expand(channel.Secret), channel.TimeoutSec, cancellation);
    }
}

internal static class IncidentLink
{
    public static string Of(NotificationSettings settings, string incidentId) =>
        $"{settings.PublicUrl.TrimEnd('/')}/api/v3/incidents/{Uri.EscapeDataString(incidentId)}";
}
