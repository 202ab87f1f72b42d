using System.Text.Json;
using AiOps.Contracts.Messages;

namespace AiOps.Core.Pipeline;

/// <summary>Learns device metadata (type, vendor, model, location) from the telemetry that names a device.</summary>
public static class DeviceLearning
{
    public static DeviceInfo? FromLabels(string? deviceId, Dictionary<string, string>? labels)
    {
        if (deviceId is null || labels is null || !labels.ContainsKey("device_type"))
        {
            return null;
        }

        return new DeviceInfo
        {
            DeviceId = deviceId,
            DeviceType = labels.GetValueOrDefault("device_type"),
            Vendor = labels.GetValueOrDefault("vendor"),
            Model = labels.GetValueOrDefault("model"),
            Location = labels.GetValueOrDefault("location"),
        };
    }

    public static DeviceInfo? FromLog(LogMessage log) => FromMeta(log.DeviceId, log.Host, log.Meta);

    /// <summary>Device metadata from a log's <c>meta</c> object (device_type, vendor, model, location).</summary>
    public static DeviceInfo? FromMeta(string? deviceId, string? host, string? metaJson)
    {
        // Cheap text test first: only lines that describe their device pay for a JSON parse.
        if (deviceId is null || metaJson is null || !metaJson.Contains("\"device_type\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var meta = JsonDocument.Parse(metaJson);
        string? Text(string name) =>
            meta.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new DeviceInfo
        {
            DeviceId = deviceId,
            DeviceType = Text("device_type"),
            Vendor = Text("vendor"),
            Model = Text("model"),
            Location = Text("location"),
            Host = host,
        };
    }
}
