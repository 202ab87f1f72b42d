using AiOps.Contracts.Messages;
using AiOps.Grains.Analytics;

namespace AiOps.Infrastructure.Analytics;

/// <summary>No analytics store: a grain without state starts empty.</summary>
public sealed class NullAnalyticsReader : IAnalyticsReader
{
    public Task<IReadOnlyList<AnomalyHistoryRow>> RecentAnomaliesAsync(string shipId, string service, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AnomalyHistoryRow>>([]);

    public Task<IReadOnlyList<DeviceInfo>> DevicesAsync(string shipId, string service, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceInfo>>([]);

    public Task<string?> CachedInsightAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
