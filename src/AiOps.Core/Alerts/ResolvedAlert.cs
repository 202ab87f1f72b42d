namespace AiOps.Core.Alerts;

/// <summary>A firing alert that ended: its sender sent an <c>endsAt</c> in the past, or stopped repeating it past its <c>endsAt</c>.</summary>
[GenerateSerializer, Immutable, Alias("aiops.resolved-alert.v1")]
public sealed record ResolvedAlert(
    [property: Id(0)] string Fingerprint,
    [property: Id(1)] string IncidentType);
