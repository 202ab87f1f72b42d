using AiOps.Contracts.Messages;

namespace AiOps.Core.Enrichment;

/// <summary>
/// What makes two anomalies "the same": ship, domain, service, anomaly type, device and metric, and for a log
/// line its template (two different error messages are two things to look at, not one).
/// </summary>
public static class Fingerprint
{
    public static string Of(AnomalyDetected a) => a.TemplateId is { } template
        ? WithoutTemplate(a) + "|t" + template
        : WithoutTemplate(a);

    /// <summary>The fingerprint before templates: what the analytics store's history of a service can be counted under.</summary>
    public static string WithoutTemplate(AnomalyDetected a) => Of(a.ShipId, a.Domain, a.Service, a.AnomalyType, a.DeviceId, a.MetricName);

    // All strings (the enum's cached name, from the generic GetName, which does not box): joined from a span,
    // without the boxed enum and object array per anomaly.
    public static string Of(string shipId, Contracts.Domain domain, string service, string anomalyType, string? deviceId, string? metricName) =>
        string.Join('|', shipId, Enum.GetName(domain) ?? domain.ToString(), service, anomalyType, deviceId ?? "none", metricName ?? "-");
}
