namespace AiOps.Contracts.Grains;

/// <summary>What the pump reads from one dispatcher shard each pass.</summary>
[GenerateSerializer, Immutable, Alias("aiops.dispatch-shard-view.v1")]
public sealed record DispatchShardView(
    [property: Id(0)] IReadOnlyList<string> Pending,
    [property: Id(1)] IReadOnlyDictionary<long, int> TransitionsPerMinute,
    [property: Id(2)] int DigestCount,
    [property: Id(3)] DateTimeOffset DigestStartedAt);
