using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>Accepted events of one ship+service from one ingest request: the item on a service stream.</summary>
[GenerateSerializer, Immutable, Alias("aiops.telemetry-batch.v1")]
public sealed record TelemetryBatch
{
    [Id(0)] public required DateTimeOffset IngestedAt { get; init; }
    [Id(1)] public IReadOnlyList<LogMessage> Logs { get; init; } = [];
    [Id(2)] public IReadOnlyList<MetricSample> Metrics { get; init; } = [];
    [Id(3)] public IReadOnlyList<AlertMessage> Alerts { get; init; } = [];

    /// <summary>Events of every kind in the batch.</summary>
    public int Count => Logs.Count + Metrics.Count + Alerts.Count;

    /// <summary>The <c>{ship_id}/{service}</c> key of the batch's first event (a batch holds one service).</summary>
    public string ServiceKey => Logs.Count > 0 ? StreamNames.ServiceKey(Logs[0].ShipId, Logs[0].Service)
        : Metrics.Count > 0 ? StreamNames.ServiceKey(Metrics[0].ShipId, Metrics[0].Service)
        : StreamNames.ServiceKey(Alerts[0].ShipId, Alerts[0].Service);
}
