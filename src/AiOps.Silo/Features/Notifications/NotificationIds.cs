namespace AiOps.Silo.Features.Notifications;

/// <summary>
/// A notification's id in URLs: its outbox key <c>incident/transition/channel</c> with dots for slashes
/// (<c>INC-20261125-120000-1a2b3c4d.opened.webhook</c>), as in the e-mail Message-ID; incident ids hold no dots.
/// </summary>
public static class NotificationIds
{
    public static string Of(string key) => key.Replace('/', '.');

    /// <summary>The outbox key and incident id of <paramref name="id"/>, or null when it is not incident.transition.channel.</summary>
    public static (string Key, string IncidentId)? Parse(string id)
    {
        var parts = id.Split('.');
        if (parts.Length < 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var incidentId = string.Join('.', parts[..^2]);
        return ($"{incidentId}/{parts[^2]}/{parts[^1]}", incidentId);
    }
}
