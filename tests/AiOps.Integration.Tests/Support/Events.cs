namespace AiOps.Integration.Tests.Support;

/// <summary>Ingest items as a sender (e.g. Vector) posts them: snake_case JSON objects.</summary>
internal static class Events
{
    public static Dictionary<string, object?> Log(string ship, string domain, string service, string level, string msg,
        string? trackingId = null, DateTimeOffset? ts = null, string? device = null)
    {
        var item = new Dictionary<string, object?> { ["ship_id"] = ship, ["domain"] = domain, ["service"] = service, ["level"] = level, ["msg"] = msg };
        if (trackingId is not null) item["tracking_id"] = trackingId;
        if (ts is not null) item["ts"] = ts.Value.UtcDateTime.ToString("O");
        if (device is not null) item["device_id"] = device;
        return item;
    }

    public static Dictionary<string, object?> Metric(string ship, string domain, string service, string metric, double value,
        DateTimeOffset ts, string? device = null, string? trackingId = null)
    {
        var item = new Dictionary<string, object?> { ["ship_id"] = ship, ["domain"] = domain, ["service"] = service, ["metric"] = metric, ["value"] = value, ["ts"] = ts.UtcDateTime.ToString("O") };
        if (device is not null) item["device_id"] = device;
        if (trackingId is not null) item["tracking_id"] = trackingId;
        return item;
    }

    public static string Ship(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
}
