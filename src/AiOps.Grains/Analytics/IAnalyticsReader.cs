using AiOps.Contracts.Messages;

namespace AiOps.Grains.Analytics;

/// <summary>
/// Cold lookups in the analytics store when a grain starts without state of its own (a new silo, a lost store):
/// a service's recent anomalies and the devices its telemetry described.
/// </summary>
public interface IAnalyticsReader
{
    Task<IReadOnlyList<AnomalyHistoryRow>> RecentAnomaliesAsync(string shipId, string service, DateTimeOffset since, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceInfo>> DevicesAsync(string shipId, string service, int limit, CancellationToken cancellationToken);

    /// <summary>The newest cached insight (JSON) for a key written at or after <paramref name="notBefore"/>.</summary>
    Task<string?> CachedInsightAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken);
}
