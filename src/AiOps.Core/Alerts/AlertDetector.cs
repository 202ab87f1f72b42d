using System.Text.Json;
using AiOps.Contracts.Messages;
using AiOps.Core.Json;
using AiOps.Core.Detection;

namespace AiOps.Core.Alerts;

/// <summary>
/// A firing alert is an anomaly by definition (its sender already decided): scored by its severity through
/// detect.yaml's <c>severity_hint_scores</c>, typed by its <c>alertname</c>, and of the incident type its label
/// names or its domain's default.
/// </summary>
public static class AlertDetector
{
    public const string Name = "alertmanager";

    public static DetectedAnomaly Detect(AlertMessage alert, CompiledDetectPolicy policy)
    {
        var summary = alert.Annotations.GetValueOrDefault("summary") ?? alert.Annotations.GetValueOrDefault("description");
        var text = summary is null ? alert.AlertName : $"{alert.AlertName}: {summary}";
        var max = policy.Source.MaxRawMsgChars;
        var anomaly = new AnomalyDetected
        {
            TrackingId = alert.TrackingId,
            Ts = alert.Ts,
            ShipId = alert.ShipId,
            Domain = alert.Domain,
            Service = alert.Service,
            AnomalyType = alert.AlertName,
            Score = policy.SeverityScore(alert.Severity),
            Detector = Name,
            DeviceId = alert.DeviceId,
            RawMsg = text.Length <= max ? text : text[..(max - 3)] + "...",
            Meta = DescribeSource(alert),
            AlertFingerprint = alert.Fingerprint,
        };
        return new DetectedAnomaly(anomaly, alert.IncidentType ?? policy.DefaultIncidentType(alert.Domain));
    }

    private static string DescribeSource(AlertMessage alert)
    {
        // A reused writer: an alert storm described each alert in a fresh, growing buffer, a quarter of all the
        // bytes the host allocated.
        var writer = ReusedJsonWriter.Start(out var buffer);
        writer.WriteStartObject();
        writer.WriteString("alert_fingerprint", alert.Fingerprint);
        if (alert.StartsAt is { } startsAt)
        {
            writer.WriteString("starts_at", startsAt);
        }

        if (alert.GeneratorUrl is not null)
        {
            writer.WriteString("generator_url", alert.GeneratorUrl);
        }

        WriteMap(writer, "labels", alert.Labels);
        WriteMap(writer, "annotations", alert.Annotations);
        writer.WriteEndObject();
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
