using System.Text.Json.Serialization;
using AiOps.Contracts.Json;

namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.anomaly-detected.v3")]
public record AnomalyDetected : BaseMessage
{
    [Id(0)] public required Domain Domain { get; init; }
    [Id(1)] public required string AnomalyType { get; init; }
    [Id(2)] public required string Service { get; init; }

    /// <summary>How anomalous, 0..1.</summary>
    [Id(3)] public required double Score { get; init; }
    [Id(4)] public required string Detector { get; init; }
    [Id(5)] public string? DeviceId { get; init; }
    [Id(6)] public string? MetricName { get; init; }
    [Id(7)] public double? MetricValue { get; init; }
    [Id(8)] public double? Threshold { get; init; }
    [Id(9)] public string? RawMsg { get; init; }
    [Id(10), JsonConverter(typeof(RawJsonConverter))] public string? Meta { get; init; }

    /// <summary>The service's log template the line belongs to (log anomalies only).</summary>
    [Id(11)] public int? TemplateId { get; init; }

    /// <summary>The Alertmanager fingerprint of the alert this anomaly came from; null for logs and metrics.</summary>
    [Id(12), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AlertFingerprint { get; init; }
}
