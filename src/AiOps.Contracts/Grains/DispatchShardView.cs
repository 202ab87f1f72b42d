namespace AiOps.Contracts.Grains;

/// <summary>
/// What the pump reads from one dispatcher shard each pass. <see cref="LastTransitionAt"/> says when each pending
/// incident last had a transition, as far as this activation of the shard saw (it is not stored): an incident the
/// pump set aside until its notifications are due is looked at again after a new transition.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.dispatch-shard-view.v1")]
public sealed record DispatchShardView(
    [property: Id(0)] IReadOnlyList<string> Pending,
    [property: Id(1)] IReadOnlyDictionary<long, int> TransitionsPerMinute,
    [property: Id(2)] int DigestCount,
    [property: Id(3)] DateTimeOffset DigestStartedAt,
    [property: Id(4)] IReadOnlyDictionary<string, DateTimeOffset>? LastTransitionAt = null);
