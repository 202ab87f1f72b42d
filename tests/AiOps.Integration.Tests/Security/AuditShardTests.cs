using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Audit;
using AiOps.Core.Policy;
using AiOps.Integration.Tests.Grains;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Features.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Security;

/// <summary>The audit trail spread over day buckets and sealed chunks reads back as one trail, newest first.</summary>
[Collection(ClusterCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Cluster)]
public sealed class AuditShardTests(ClusterFixture fixture)
{
    private static readonly PolicyRuntime Policy = new(new StaticPolicyProvider(PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies"))));

    [Fact]
    public async Task Entries_across_buckets_chunks_and_days_come_back_newest_first_once_each()
    {
        var prefix = $"test-{Guid.NewGuid():N}";
        var dayOne = new DateTimeOffset(2100 + Random.Shared.Next(0, 900), 3, 10, 23, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(dayOne);
        var trail = new AuditTrail(fixture.Grains, Policy, clock, NullLoggerFactory.Instance);
        var chunk = Policy.Fleet.Retention.Audit.ChunkEntries;

        // Day one: one busy resource (one bucket, more than a chunk) and resources spread over the buckets.
        for (var i = 0; i < chunk + 20; i++)
        {
            clock.SetUtcNow(dayOne.AddSeconds(i));
            await trail.RecordAsync("ada", "status_change", $"{prefix}/busy", "success");
        }

        // Day two, just after midnight.
        var dayTwo = dayOne.AddHours(1).AddMinutes(30);
        for (var i = 0; i < 30; i++)
        {
            clock.SetUtcNow(dayTwo.AddSeconds(i));
            await trail.RecordAsync(i % 2 == 0 ? "ada" : "bob", "action_request", $"{prefix}/r{i}", "success");
        }

        var all = await trail.QueryAsync(new AuditFilter(dayOne.AddDays(-1), dayTwo.AddDays(1), null, null, prefix, 1000));
        Assert.Equal(chunk + 50, all.Count);
        Assert.Equal(all.Count, all.Select(e => e.TrackingId).Distinct().Count());
        Assert.Equal(all.OrderByDescending(e => e.Ts).Select(e => e.TrackingId), all.Select(e => e.TrackingId));
        Assert.Equal(dayTwo.AddSeconds(29), all[0].Ts);
        Assert.Equal(dayOne, all[^1].Ts);

        // A limit cuts the merged trail, not each bucket's part; it crosses from day two into day one.
        var page = await trail.QueryAsync(new AuditFilter(dayOne.AddDays(-1), dayTwo.AddDays(1), null, null, prefix, 45));
        Assert.Equal(all.Take(45).Select(e => e.TrackingId), page.Select(e => e.TrackingId));

        // Filters still apply inside every bucket and chunk.
        var bob = await trail.QueryAsync(new AuditFilter(dayOne.AddDays(-1), dayTwo.AddDays(1), "bob", null, prefix, 1000));
        Assert.Equal(15, bob.Count);
        var window = await trail.QueryAsync(new AuditFilter(dayOne.AddSeconds(10), dayOne.AddSeconds(19), null, null, prefix, 1000));
        Assert.Equal(Enumerable.Range(10, 10).Reverse().Select(s => dayOne.AddSeconds(s)), window.Select(e => e.Ts));

        // Stored as promised: day two's entries went to more than one bucket, and the busy bucket sealed a full chunk.
        Assert.True((await fixture.Grains.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyOf(dayTwo)).BucketsAsync()).Count > 1);
        var busy = AuditShards.BucketKey(IAuditDayGrain.KeyOf(dayOne), AuditShards.BucketOf($"{prefix}/busy", Policy.Fleet.Retention.Audit.Buckets));
        var sealedChunk = await fixture.Grains.GetGrain<IAuditChunkGrain>(AuditShards.ChunkKey(busy, 0))
            .QueryAsync(new AuditFilter(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 100000));
        Assert.Equal(chunk, sealedChunk.Count);
    }
}
