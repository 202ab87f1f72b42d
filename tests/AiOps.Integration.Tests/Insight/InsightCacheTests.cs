using AiOps.Contracts;
using AiOps.Core.Insight;
using AiOps.Insight;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Insight;

/// <summary>The in-process insight cache: at most llm.yaml cache_max_entries answers, each for its TTL.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class InsightCacheTests
{
    private static readonly InsightDraft Draft = new("VSAT carrier lost.", Confidence.High, ["/api/v3/trace/t-1"], ["rb-vsat-link-loss"]);

    [Fact]
    public async Task The_cache_never_holds_more_than_its_limit_and_keeps_taking_new_answers()
    {
        const int limit = 50;
        using var cache = new InsightCache(new NoInsightCacheStore(), limit, TimeProvider.System);

        for (var i = 0; i < limit * 20; i++)
        {
            cache.Set($"key-{i}", Draft, TimeSpan.FromMinutes(45));
            Assert.InRange(cache.Count, 0, limit);
        }

        // Past the limit the least recently used are compacted away (in the background), so new answers get in.
        var last = await TestHost.EventuallyAsync(async () =>
        {
            cache.Set("latest", Draft, TimeSpan.FromMinutes(45));
            return await cache.GetAsync("latest", TimeSpan.FromMinutes(45), CancellationToken.None);
        }, "a new answer kept after compaction", 10000);
        Assert.Equal(Draft.Narrative, last.Narrative);
        Assert.InRange(cache.Count, 0, limit);
    }

    [Fact]
    public async Task An_answer_expires_with_its_ttl()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var cache = new InsightCache(new NoInsightCacheStore(), 10, clock);
        cache.Set("key", Draft, TimeSpan.FromMinutes(45));

        clock.Advance(TimeSpan.FromMinutes(44));
        Assert.NotNull(await cache.GetAsync("key", TimeSpan.FromMinutes(45), CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await cache.GetAsync("key", TimeSpan.FromMinutes(45), CancellationToken.None));
        Assert.Equal(0, cache.Count);
    }
}
