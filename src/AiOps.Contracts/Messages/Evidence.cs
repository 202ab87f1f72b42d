namespace AiOps.Contracts.Messages;

/// <summary>
/// One piece of evidence; <c>Ref</c> resolves through the trace API to the anomaly's event. A log anomaly names
/// its service and the service's log template (<c>GET /api/v3/templates</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.evidence.v3")]
public sealed record Evidence(
    [property: Id(0)] string Ref,
    [property: Id(1)] string? Summary,
    [property: Id(2)] double? Weight,
    [property: Id(3)] int? TemplateId = null,
    [property: Id(4)] string? Service = null);
