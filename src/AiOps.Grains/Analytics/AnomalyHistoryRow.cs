using AiOps.Contracts;

namespace AiOps.Grains.Analytics;

/// <summary>One past anomaly of a service, enough to rebuild its similarity counts.</summary>
public sealed record AnomalyHistoryRow(DateTimeOffset Ts, Domain Domain, string AnomalyType, string? DeviceId, string? MetricName);
