using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// notify.yaml <c>alertmanager</c>: the payload an Alertmanager webhook receiver takes (version 4), one alert
/// per incident, firing until it is resolved, fingerprinted by incident id so receivers group it.
/// </summary>
public sealed class AlertmanagerSender(HttpClient http, NotificationSettings settings) : INotificationSender
{
    public string Channel => "alertmanager";


    public Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation)
    {
        var status = entry.Status is IncidentStatus.Resolved ? "resolved" : "firing";
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = "aiops_incident",
            ["incident_id"] = entry.IncidentId,
            ["ship_id"] = entry.ShipId,
            ["incident_type"] = entry.IncidentType,
            ["severity"] = entry.Severity.ToString().ToLowerInvariant(),
        };
        var annotations = new Dictionary<string, string> { ["summary"] = NotificationText.Subject(entry, policy), ["transition"] = entry.Transition };
        var payload = new Dictionary<string, object?>
        {
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{incident_id=\"{entry.IncidentId}\"}}",
            ["truncatedAlerts"] = 0,
            ["status"] = status,
            ["receiver"] = "aiops",
            ["groupLabels"] = new Dictionary<string, string> { ["incident_id"] = entry.IncidentId },
            ["commonLabels"] = labels,
            ["commonAnnotations"] = annotations,
            ["externalURL"] = settings.PublicUrl,
            ["alerts"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["status"] = status,
                    ["labels"] = labels,
                    ["annotations"] = annotations,
                    ["startsAt"] = entry.CreatedAt,
                    ["endsAt"] = status == "resolved" ? entry.CreatedAt : DateTimeOffset.UnixEpoch,
                    ["generatorURL"] = IncidentLink.Of(settings, entry.IncidentId),
                    ["fingerprint"] = entry.IncidentId,
                },
            },
        };
        var channel = policy.Channels.Alertmanager;
        return HttpNotificationPost.SendAsync(http, NotificationSettings.Expand(channel.Url), payload, entry, null, channel.TimeoutSec, cancellation);
    }
}
