using System.Collections.Concurrent;
using AiOps.Core.Insight;

namespace AiOps.Insight;

/// <summary>
/// Model answers by cache key for <c>cache_ttl_min</c>: in process first, then the shared store, so an identical
/// incident on another ship or silo reuses one answer.
/// </summary>
public sealed class InsightCache(IInsightCacheStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (InsightDraft Draft, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async Task<InsightDraft?> GetAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Draft;
        }

        _entries.TryRemove(key, out _);
        var shared = await store.GetAsync(key, now - ttl, cancellationToken);
        if (shared is not null)
        {
            _entries[key] = (shared, now + ttl);
        }

        return shared;
    }

    public void Set(string key, InsightDraft draft, TimeSpan ttl)
    {
        if (ttl > TimeSpan.Zero)
        {
            var now = clock.GetUtcNow();
            _entries[key] = (draft, now + ttl);
            store.Put(key, draft, now);
        }
    }
}
