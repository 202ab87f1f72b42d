using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using AiOps.Infrastructure.Tracing;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AiOps.Integration.Tests.Tracing;

/// <summary>The cluster's trace store on a real redis-server.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
public sealed class RedisTraceStoreTests
{
    private static readonly TraceSettings Settings = new() { WriteBehindMaxPending = 10_000, WriteBatchSize = 500, FullWaitMs = 5000, RetryDelayMs = 50 };

    [RequiresRedisFact]
    public async Task Traces_written_through_one_store_are_read_merged_through_another_and_expire_with_the_retention()
    {
        await using var redis = await RedisServer.StartAsync();
        var service = $"test-{Guid.NewGuid():N}";
        var t0 = DateTimeOffset.UtcNow;
        await using (var writer = Open(redis, service))
        {
            for (var i = 0; i < 2000; i++)
            {
                writer.RecordNormal($"normal-{i}", t0, t0.AddMilliseconds(1));
            }

            writer.Record([new TraceRecord
            {
                TrackingId = "anomaly-1",
                Status = "complete",
                IncidentId = "INC-1",
                Stages = [new("ingested", t0, "ok"), new("detected", t0.AddMilliseconds(1), "anomaly"), new("incident", t0.AddMilliseconds(5), "opened")],
            }]);
            writer.Record([new TraceRecord { TrackingId = "anomaly-1", Status = "complete", IncidentId = "INC-1", Stages = [new("insight", t0.AddSeconds(2), "template")] }]);
            await writer.FlushAsync();
            Assert.Equal(0, writer.Pending);
        }

        await using var reader = Open(redis, service);
        var normal = await reader.GetAsync("normal-1999");
        Assert.Equal(TraceParts.NoAnomaly, normal!.Status);
        Assert.Equal(t0.AddMilliseconds(1), normal.Stages[1].Ts);
        var anomaly = await reader.GetAsync("anomaly-1");
        Assert.Equal(["ingested", "detected", "incident", "insight"], anomaly!.Stages.Select(s => s.Stage));
        Assert.Equal("INC-1", anomaly.IncidentId);
        Assert.Null(await reader.GetAsync("never-seen"));
        await using (var other = Open(redis, "another-service"))
        {
            Assert.Null(await other.GetAsync("normal-1"));
        }

        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var ttl = await raw.GetDatabase().KeyTimeToLiveAsync($"aiops:{service}:trace:anomaly-1");
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    private static RedisTraceStore Open(RedisServer redis, string service) =>
        new(ConnectionMultiplexer.Connect(redis.ConnectionString), service, () => Settings, () => TimeSpan.FromHours(24),
            NullLogger<RedisTraceStore>.Instance);
}
