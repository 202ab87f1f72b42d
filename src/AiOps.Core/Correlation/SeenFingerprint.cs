namespace AiOps.Core.Correlation;

/// <summary>When a fingerprint was last seen and the incident it went to; replaced, never changed in place (see <see cref="Storage.TrackedMap{TValue}"/>).</summary>
[GenerateSerializer, Immutable, Alias("aiops.seen-fingerprint.v1")]
public sealed record SeenFingerprint
{
    [Id(0)] public required DateTimeOffset LastTs { get; init; }
    [Id(1)] public required string IncidentId { get; init; }
}
