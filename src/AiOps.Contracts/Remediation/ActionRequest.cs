namespace AiOps.Contracts.Remediation;

/// <summary>An engineer's (or an insight suggestion's) request to run an action on a ship's service.</summary>
[GenerateSerializer, Immutable, Alias("aiops.action-request.v1")]
public sealed record ActionRequest(
    [property: Id(0)] string ExecutionId,
    [property: Id(1)] string Action,
    [property: Id(2)] string ShipId,
    [property: Id(3)] string Service,
    [property: Id(4)] string? IncidentId,
    [property: Id(5)] string RequestedBy,
    [property: Id(6)] string? Reason,
    [property: Id(7)] bool DryRun,
    [property: Id(8)] bool SuggestedByInsight);
