using System.Text.Json;
using AiOps.Contracts.Messages;

namespace AiOps.Core.Pipeline;

/// <summary>Learns device metadata (type, vendor, model, location) from the telemetry that names a device.</summary>
internal static class DeviceLearning
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

    public static DeviceInfo? FromLog(LogMessage log)
    {
        // Cheap text test first: only lines that describe their device pay for a JSON parse.
        if (log.DeviceId is null || log.Meta is null || !log.Meta.Contains("\"device_type\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var meta = JsonDocument.Parse(log.Meta);
        string? Text(string name) =>
            meta.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new DeviceInfo
        {
            DeviceId = log.DeviceId,
            DeviceType = Text("device_type"),
            Vendor = Text("vendor"),
            Model = Text("model"),
            Location = Text("location"),
            Host = log.Host,
        };
    }
}
