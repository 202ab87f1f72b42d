using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Grains.Analytics;

namespace AiOps.Integration.Tests.Grains;

/// <summary>An analytics store that remembers six database timeouts in the last hour for ships named history-*.</summary>
public sealed class HistoryForTests : IAnalyticsReader
{
    public Task<IReadOnlyList<AnomalyHistoryRow>> RecentAnomaliesAsync(string shipId, string service, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AnomalyHistoryRow>>(shipId.StartsWith("history-", StringComparison.Ordinal)
            ? Enumerable.Range(1, 6).Select(i => new AnomalyHistoryRow(DateTimeOffset.UtcNow.AddMinutes(-5 * i), Domain.App, "db_conn_timeout", "db-1", null)).ToList()
            : []);

    public Task<IReadOnlyList<DeviceInfo>> DevicesAsync(string shipId, string service, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceInfo>>([]);

    public Task<string?> CachedInsightAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
