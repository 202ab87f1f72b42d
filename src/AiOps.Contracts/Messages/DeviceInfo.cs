namespace AiOps.Contracts.Messages;

/// <summary>Device metadata learned from the telemetry that names the device.</summary>
[GenerateSerializer, Immutable, Alias("aiops.device-info.v3")]
public sealed record DeviceInfo
{
    [Id(0)] public required string DeviceId { get; init; }
    [Id(1)] public string? DeviceType { get; init; }
    [Id(2)] public string? Vendor { get; init; }
    [Id(3)] public string? Model { get; init; }
    [Id(4)] public string? Location { get; init; }
    [Id(5)] public string? Host { get; init; }
}
