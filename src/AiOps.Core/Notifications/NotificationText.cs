using AiOps.Contracts.Pipeline;
using System.Text;
using AiOps.Core.Policy;

namespace AiOps.Core.Notifications;

/// <summary>
/// Renders notify.yaml templates. Placeholders are filled only from the incident's structured fields (never
/// from log text, which is untrusted), and an unknown placeholder stays as written so a typo is visible.
/// </summary>
public static class NotificationText
{
    public static string Subject(OutboxEntry entry, NotifyPolicy policy)
    {
        var template = entry.Transition switch
        {
            NotificationPlanner.Opened => policy.Templates.GetValueOrDefault("incident_created"),
            NotificationPlanner.Resolved => policy.Templates.GetValueOrDefault("incident_resolved"),
            _ => policy.Templates.GetValueOrDefault($"incident_{entry.Transition}"),
        };
        return Render(template ?? "{transition}: {severity} {incident_type} incident on {ship_id}", entry);
    }

    public static string Render(string template, OutboxEntry entry)
    {
        var output = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }

            output.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            output.Append(Field(entry, name) ?? template[open..(close + 1)]);
            i = close + 1;
        }

        return output.ToString();
    }

    private static string? Field(OutboxEntry entry, string name) => name switch
    {
        "severity" => entry.Severity.ToString().ToLowerInvariant(),
        "incident_type" => entry.IncidentType,
        "ship_id" => entry.ShipId,
        "incident_id" => entry.IncidentId,
        "status" => entry.Status.ToString().ToLowerInvariant(),
        "transition" => entry.Transition,
        "actor" => entry.Actor ?? "system",
        _ => null,
    };
}
