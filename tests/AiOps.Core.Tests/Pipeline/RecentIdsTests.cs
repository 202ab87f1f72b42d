using AiOps.Core.Pipeline;

namespace AiOps.Core.Tests.Pipeline;

public sealed class RecentIdsTests
{
    [Fact]
    public void The_latest_ids_up_to_the_bound_are_always_known_and_old_ones_are_forgotten_in_chunks()
    {
        var ids = new RecentIds();
        for (var n = 0; n < 1_000; n++)
        {
            Assert.True(ids.Add($"id-{n}", capacity: 64));
            Assert.InRange(ids.Order.Count, Math.Min(n + 1, 64), 68);
            for (var back = 0; back < Math.Min(n + 1, 64); back++)
            {
                Assert.True(ids.Contains($"id-{n - back}"));
            }
        }

        Assert.False(ids.Contains("id-0"));
        Assert.False(ids.Add("id-999", capacity: 64));
    }

    [Fact]
    public void Ids_read_back_from_storage_are_known()
    {
        var stored = new RecentIds { Order = ["a", "b"] };

        Assert.True(stored.Contains("b"));
        Assert.False(stored.Add("a", capacity: 10));
    }
}
