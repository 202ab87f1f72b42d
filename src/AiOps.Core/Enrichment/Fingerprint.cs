using AiOps.Contracts.Messages;

namespace AiOps.Core.Enrichment;

/// <summary>What makes two anomalies "the same": ship, domain, service, anomaly type, device and metric.</summary>
public static class Fingerprint
{
    public static string Of(AnomalyDetected a) =>
        string.Join('|', a.ShipId, a.Domain, a.Service, a.AnomalyType, a.DeviceId ?? "none", a.MetricName ?? "-");
}
