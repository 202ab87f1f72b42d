using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>Accepted events of one ship+service from one ingest request: the item on a service stream.</summary>
[GenerateSerializer, Immutable, Alias("aiops.telemetry-batch.v1")]
public sealed record TelemetryBatch
{
    [Id(0)] public required DateTimeOffset IngestedAt { get; init; }
    [Id(1)] public IReadOnlyList<LogMessage> Logs { get; init; } = [];
    [Id(2)] public IReadOnlyList<MetricSample> Metrics { get; init; } = [];
}
