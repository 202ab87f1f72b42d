namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.metric-sample.v3")]
public sealed record MetricSample : BaseMessage
{
    [Id(0)] public required Domain Domain { get; init; }
    [Id(1)] public required string Service { get; init; }
    [Id(2)] public required string Metric { get; init; }
    [Id(3)] public required double Value { get; init; }
    [Id(4)] public string? DeviceId { get; init; }
    [Id(5)] public Dictionary<string, string>? Labels { get; init; }
}
