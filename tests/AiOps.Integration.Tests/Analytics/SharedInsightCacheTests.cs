using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Insight;
using AiOps.Grains.Analytics;
using AiOps.Infrastructure.Analytics;
using AiOps.Insight;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Analytics;

[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class SharedInsightCacheTests
{
    /// <summary>An analytics store in memory: what the sink writes to llm_cache, the reader finds.</summary>
    private sealed class MemoryStore : IAnalyticsSink, IAnalyticsReader
    {
        public List<(string Key, string Json, DateTimeOffset At)> Cached { get; } = [];

        public void CachedInsight(string key, string insightJson, DateTimeOffset at) => Cached.Add((key, insightJson, at));

        public Task<string?> CachedInsightAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
            Task.FromResult(Cached.Where(c => c.Key == key && c.At >= notBefore).OrderByDescending(c => c.At).Select(c => c.Json).FirstOrDefault());

        public void Logs(IReadOnlyList<LogMessage> logs) { }
        public void Metrics(IReadOnlyList<MetricSample> samples) { }
        public void Anomalies(IEnumerable<CorrelationCandidate> candidates) { }
        public void Traces(string shipId, IEnumerable<TraceRecord> traces) { }
        public void Incident(Incident incident) { }
        public Task<IReadOnlyList<AnomalyHistoryRow>> RecentAnomaliesAsync(string shipId, string service, DateTimeOffset since, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AnomalyHistoryRow>>([]);
        public Task<IReadOnlyList<DeviceInfo>> DevicesAsync(string shipId, string service, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DeviceInfo>>([]);
    }

    [Fact]
    public async Task An_answer_cached_on_one_silo_is_served_to_another_and_expires_with_its_ttl()
    {
        var store = new MemoryStore();
        var shared = new AnalyticsInsightCacheStore(store, store);
        var draft = new InsightDraft("VSAT carrier lost.", Confidence.High, ["/api/v3/trace/t-1"], ["rb-vsat-link-loss"]);
        var first = new InsightCache(shared, 100, TimeProvider.System);
        var second = new InsightCache(shared, 100, TimeProvider.System);

        first.Set("key-1", draft, TimeSpan.FromMinutes(45));
        var reused = await second.GetAsync("key-1", TimeSpan.FromMinutes(45), CancellationToken.None);
        var tooOld = await new InsightCache(shared, 100, TimeProvider.System).GetAsync("key-1", TimeSpan.FromMinutes(-1), CancellationToken.None);

        Assert.Equal(draft.Narrative, reused?.Narrative);
        Assert.Equal(draft.RunbookIds, reused?.RunbookIds);
        Assert.Equal(Confidence.High, reused?.Confidence);
        Assert.Single(store.Cached);
        Assert.Null(await new InsightCache(shared, 100, TimeProvider.System).GetAsync("key-2", TimeSpan.FromMinutes(45), CancellationToken.None));
        Assert.Null(tooOld); // written before the TTL window of the asking silo
    }
}
