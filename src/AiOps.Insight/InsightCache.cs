using AiOps.Core.Insight;
using Microsoft.Extensions.Caching.Memory;

namespace AiOps.Insight;

/// <summary>
/// Model answers by cache key for <c>cache_ttl_min</c>: in process first, then the shared store, so an identical
/// incident on another ship or silo reuses one answer. The in-process part holds at most llm.yaml
/// <c>cache_max_entries</c> answers: past it the least recently used are compacted away.
/// </summary>
public sealed class InsightCache(IInsightCacheStore store, int maxEntries, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = maxEntries, Clock = new CacheClock(clock) });

    /// <summary>Answers held in process now.</summary>
    public int Count => _entries.Count;

    public async Task<InsightDraft?> GetAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out InsightDraft? cached))
        {
            return cached;
        }

        var now = clock.GetUtcNow();
        var shared = await store.GetAsync(key, now - ttl, cancellationToken);
        if (shared is not null && ttl > TimeSpan.Zero)
        {
            Keep(key, shared, now + ttl);
        }

        return shared;
    }

    public void Set(string key, InsightDraft draft, TimeSpan ttl)
    {
        if (ttl > TimeSpan.Zero)
        {
            var now = clock.GetUtcNow();
            Keep(key, draft, now + ttl);
            store.Put(key, draft, now);
        }
    }

    public void Dispose() => _entries.Dispose();

    private void Keep(string key, InsightDraft draft, DateTimeOffset expires) =>
        _entries.Set(key, draft, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });

    /// <summary>The cache's expiry on the host's <see cref="TimeProvider"/> (MemoryCache takes its own clock interface).</summary>
    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
