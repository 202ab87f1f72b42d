namespace AiOps.Contracts.Messages;

/// <summary>Fields every V3 message carries from ingestion to incident.</summary>
[GenerateSerializer, Alias("aiops.base-message.v1")]
public abstract record BaseMessage
{
    [Id(0)] public string SchemaVersion { get; init; } = Contracts.SchemaVersion.Current;
    [Id(1)] public required string TrackingId { get; init; }
    [Id(2)] public required DateTimeOffset Ts { get; init; }
    [Id(3)] public required string ShipId { get; init; }
}
