using AiOps.Infrastructure.Incidents;
using AiOps.Integration.Tests.Support;
using StackExchange.Redis;

namespace AiOps.Integration.Tests.Incidents;

/// <summary>The cluster's incident index on a real redis-server: one store writes (a silo), another reads (the front end).</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
[Trait(TestNeeds.Name, TestNeeds.Redis)]
public sealed class RedisIncidentIndexTests
{
    [RequiresRedisFact]
    public async Task Lists_filters_searches_and_pages_exactly_like_the_reference()
    {
        await using var redis = await RedisServer.StartAsync();
        var service = $"test-{Guid.NewGuid():N}";
        await using var writer = Open(redis, service);
        await using var reader = Open(redis, service);
        await IncidentIndexChecks.ListsExactlyLikeTheReferenceAsync(writer, reader);

        // Queries leave no scratch keys behind, and another service's index is another list.
        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = raw.GetServer(raw.GetEndPoints()[0]);
        Assert.Empty(server.Keys(pattern: "*query:*").ToList());
        await using var other = Open(redis, "another-service");
        Assert.Equal(0, (await other.QueryAsync(new Contracts.Pipeline.IncidentQuery())).Total);
    }

    [RequiresRedisFact]
    public async Task Breaks_down_and_expires_like_the_embedded_index()
    {
        await using var redis = await RedisServer.StartAsync();
        await using (var writer = Open(redis, "breakdown"))
        {
            await using var reader = Open(redis, "breakdown");
            await IncidentIndexChecks.BreaksDownLikeTheReferenceAsync(writer, reader);
        }

        await using var retentionWriter = Open(redis, "retention");
        await using var retentionReader = Open(redis, "retention");
        await IncidentIndexChecks.ExpiresClosedIncidentsOnlyAsync(retentionWriter, retentionReader);
    }

    private static RedisIncidentIndex Open(RedisServer redis, string service) =>
        new(ConnectionMultiplexer.Connect(redis.ConnectionString), service);
}
