namespace AiOps.Core.Correlation;

/// <summary>The seed's key formulas (CONTRACTS.md, "Seed formulas worth keeping").</summary>
public static class CorrelationKeys
{
    public static string SuppressKey(string incidentType, string shipId, string? deviceId, string service) =>
        $"{incidentType}:{shipId}:{deviceId ?? "none"}:{service}";

    public static IReadOnlyList<string> For(string incidentType, string? deviceId, string service, string shipId, string domain) =>
    [
        $"{incidentType}:{shipId}",
        $"{domain}:{shipId}",
        $"{service}:{shipId}",
        $"{deviceId ?? "none"}:{shipId}",
        $"{incidentType}:{service}:{shipId}",
    ];
}
