using AiOps.Core.Insight;

namespace AiOps.Insight;

/// <summary>One box: the in-process cache is all there is.</summary>
public sealed class NoInsightCacheStore : IInsightCacheStore
{
    public Task<InsightDraft?> GetAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) => Task.FromResult<InsightDraft?>(null);

    public void Put(string key, InsightDraft draft, DateTimeOffset at)
    {
    }
}
