namespace AiOps.Contracts.Grains;

/// <summary>The storm's end and the most shards the dispatcher has ever had (all of which the pump visits).</summary>
[GenerateSerializer, Immutable, Alias("aiops.notification-gate-view.v1")]
public sealed record GateView([property: Id(0)] DateTimeOffset StormUntil, [property: Id(1)] int KnownShards);
