using System.Text.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Detection;

namespace AiOps.Core.Silences;

/// <summary>
/// The values a silence matcher sees on an anomaly. Fixed fields by name; any other name is a label, looked up in
/// the anomaly's meta (top level, then the sender's <c>source_meta</c>, then a <c>labels</c> object in either).
/// A missing field is the empty string, as a missing label is in Alertmanager.
/// </summary>
public static class SilenceFields
{
    public static readonly string[] Fixed = ["ship_id", "service", "domain", "device_id", "incident_type", "severity"];

    public const string LabelPrefix = "labels.";

    public static string ValueOf(CorrelationCandidate candidate, string name)
    {
        var anomaly = candidate.Anomaly;
        return name switch
        {
            "ship_id" => anomaly.ShipId,
            "service" => anomaly.Service,
            "domain" => anomaly.Domain.ToString().ToLowerInvariant(),
            "device_id" => anomaly.DeviceId ?? "",
            "incident_type" => candidate.IncidentType,
            "severity" => SeverityNames.Name(anomaly.Severity),
            _ => LabelOf(anomaly.Meta, name.StartsWith(LabelPrefix, StringComparison.Ordinal) ? name[LabelPrefix.Length..] : name),
        };
    }

    private static string LabelOf(string? meta, string label)
    {
        if (string.IsNullOrEmpty(meta))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(meta);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "";
            }

            return Find(root, label)
                ?? (root.TryGetProperty("source_meta", out var source) && source.ValueKind == JsonValueKind.Object ? Find(source, label) : null)
                ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string? Find(JsonElement scope, string label)
    {
        if (scope.TryGetProperty(label, out var value) && Scalar(value) is { } direct)
        {
            return direct;
        }

        return scope.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object
            && labels.TryGetProperty(label, out var nested) ? Scalar(nested) : null;
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
