using AiOps.Contracts.Messages;
using AiOps.Core.Audit;

namespace AiOps.Core.Tests.Audit;

public sealed class AuditShardsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static AuditEvent At(int second, string id) => new()
    {
        Ts = Noon.AddSeconds(second), TrackingId = id, ShipId = "fleet", User = "ada", Action = "status_change",
        Resource = $"incident:{id}", Status = "success", Details = new Dictionary<string, string>(),
    };

    [Fact]
    public void Parts_merge_newest_first_up_to_the_limit()
    {
        var a = new[] { At(9, "a9"), At(5, "a5"), At(1, "a1") };
        var b = new[] { At(8, "b8"), At(7, "b7"), At(2, "b2") };
        var c = Array.Empty<AuditEvent>();

        Assert.Equal(["a9", "b8", "b7", "a5"], AuditShards.NewestFirst([a, b, c], 4).Select(e => e.TrackingId));
        Assert.Equal(6, AuditShards.NewestFirst([a, b, c], 100).Count);
    }

    [Fact]
    public void A_resource_always_lands_in_the_same_bucket_and_resources_spread_over_all()
    {
        var buckets = Enumerable.Range(0, 400).Select(i => AuditShards.BucketOf($"incident:INC-{i}", 8)).ToList();

        Assert.All(buckets, b => Assert.InRange(b, 0, 7));
        Assert.Equal(8, buckets.Distinct().Count());
        Assert.Equal(AuditShards.BucketOf("incident:INC-1", 8), AuditShards.BucketOf("incident:INC-1", 8));
        Assert.Equal("2026-11-25/b3/c0", AuditShards.ChunkKey(AuditShards.BucketKey("2026-11-25", 3), 0));
    }
}
