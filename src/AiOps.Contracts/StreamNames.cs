namespace AiOps.Contracts;

/// <summary>Stream provider and namespace names shared by the ingest front end and the grains.</summary>
public static class StreamNames
{
    public const string Provider = "telemetry";
    public const string TelemetryNamespace = "telemetry";
    public const string PubSubStore = "PubSubStore";

    /// <summary>Stream key of a ship's service: the same key the service monitor grain is activated with.</summary>
    public static string ServiceKey(string shipId, string service) => $"{shipId}/{service}";
}
