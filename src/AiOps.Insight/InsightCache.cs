using System.Collections.Concurrent;
using AiOps.Core.Insight;

namespace AiOps.Insight;

/// <summary>Model answers by cache key for <c>cache_ttl_min</c>: an identical incident elsewhere reuses one.</summary>
public sealed class InsightCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (InsightDraft Draft, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, out InsightDraft draft)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow())
        {
            draft = entry.Draft;
            return true;
        }

        _entries.TryRemove(key, out _);
        draft = null!;
        return false;
    }

    public void Set(string key, InsightDraft draft, TimeSpan ttl)
    {
        if (ttl > TimeSpan.Zero)
        {
            _entries[key] = (draft, clock.GetUtcNow() + ttl);
        }
    }
}
