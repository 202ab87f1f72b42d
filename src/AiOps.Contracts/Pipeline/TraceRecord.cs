namespace AiOps.Contracts.Pipeline;

/// <summary>The stages one tracking_id went through, with the wall-clock time of each.</summary>
[GenerateSerializer, Immutable, Alias("aiops.trace-record.v1")]
public sealed record TraceRecord
{
    [Id(0)] public required string TrackingId { get; init; }
    [Id(1)] public required string Status { get; init; }
    [Id(2)] public required IReadOnlyList<TraceStage> Stages { get; init; }
    [Id(3)] public string? IncidentId { get; init; }
}
