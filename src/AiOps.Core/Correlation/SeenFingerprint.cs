namespace AiOps.Core.Correlation;

[GenerateSerializer, Alias("aiops.seen-fingerprint.v1")]
public sealed class SeenFingerprint
{
    [Id(0)] public required DateTimeOffset LastTs { get; set; }
    [Id(1)] public required string IncidentId { get; set; }
}
