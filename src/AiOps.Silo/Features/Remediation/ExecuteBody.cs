using System.Text.Json;
using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Remediation;

/// <summary>The body of <c>POST /api/v3/actions/{action}/execute</c>, read field by field so errors name the field.</summary>
public sealed record ExecuteBody(string ShipId, string Service, string? IncidentId, string? Reason, bool DryRun, bool SuggestedByInsight)
{
    private static readonly string[] Known = ["ship_id", "service", "incident_id", "reason", "dry_run", "suggested_by_insight"];

    public static async Task<(ExecuteBody? Body, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellation);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, $"body: not valid JSON ({e.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "body: must be a JSON object");
        }

        if (JsonUtf8.FirstInvalid(root) is { } invalid)
        {
            return (null, $"{invalid}: not valid UTF-8");
        }

        foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            return (null, $"{property.Name}: unknown field (known: {string.Join(", ", Known)})");
        }

        // The same rules as ingest, so an action names a ship and service exactly as their telemetry does.
        string ship, service;
        try
        {
            ship = FieldRules.ShipId(Text(root, "ship_id") ?? throw new InvalidItemException("ship_id: required"));
            service = FieldRules.Name(Text(root, "service") ?? throw new InvalidItemException("service: required"), "service");
        }
        catch (InvalidItemException e)
        {
            return (null, e.Message);
        }

        if (Flag(root, "dry_run") is not { } dryRun || Flag(root, "suggested_by_insight") is not { } suggested)
        {
            return (null, "dry_run and suggested_by_insight: must be true or false");
        }

        var reason = Text(root, "reason");
        return reason is { Length: > 1000 }
            ? (null, "reason: at most 1000 characters")
            : (new ExecuteBody(ship, service, Text(root, "incident_id"), reason, dryRun, suggested), null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? false
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
