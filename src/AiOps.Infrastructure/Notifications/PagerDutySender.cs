using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// notify.yaml <c>pagerduty</c>: PagerDuty Events API v2. The incident id is the dedup key, so PagerDuty keeps
/// one alert per incident: opened and escalations trigger, ack acknowledges, resolve and suppress resolve.
/// </summary>
public sealed class PagerDutySender(HttpClient http, NotificationSettings settings) : INotificationSender
{
    public string Channel => "pagerduty";


    public Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation)
    {
        var channel = policy.Channels.Pagerduty;
        var routingKey = NotificationSettings.Expand(channel.IntegrationKey);
        if (routingKey.Length == 0)
        {
            return Task.FromResult(SendResult.NotConfigured("pagerduty: no integration key configured"));
        }

        var action = entry.Transition switch
        {
            NotificationPlanner.Acknowledged => "acknowledge",
            NotificationPlanner.Resolved or NotificationPlanner.Suppressed => "resolve",
            _ => "trigger",
        };
        var severity = entry.Severity.ToString().ToLowerInvariant();
        var payload = new Dictionary<string, object?>
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = entry.IncidentId,
            ["payload"] = new Dictionary<string, object?>
            {
                ["summary"] = NotificationText.Subject(entry, policy),
                ["source"] = entry.ShipId,
                ["severity"] = channel.SeverityMapping.GetValueOrDefault(severity, "warning"),
                ["timestamp"] = entry.CreatedAt,
                ["component"] = entry.IncidentType,
                ["custom_details"] = new Dictionary<string, string> { ["transition"] = entry.Transition, ["idempotency_key"] = entry.Key },
            },
            ["links"] = new[] { new Dictionary<string, string> { ["href"] = IncidentLink.Of(settings, entry.IncidentId), ["text"] = "AiOps incident" } },
        };
        return HttpNotificationPost.SendAsync(http, settings.PagerDutyEventsUrl, payload, entry, null, 10, cancellation);
    }
}
