namespace AiOps.Contracts.Pipeline;

[GenerateSerializer, Immutable, Alias("aiops.status-change-request.v1")]
public sealed record StatusChangeRequest(
    [property: Id(0)] IncidentStatus Status,
    [property: Id(1)] string? Comment,
    [property: Id(2)] string Actor);
