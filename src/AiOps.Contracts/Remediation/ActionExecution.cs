namespace AiOps.Contracts.Remediation;

/// <summary>One requested run of an allow-listed action on one target, from request to outcome.</summary>
[GenerateSerializer, Alias("aiops.action-execution.v1")]
public sealed class ActionExecution
{
    [Id(0)] public required string ExecutionId { get; init; }
    [Id(1)] public required string Action { get; init; }
    [Id(2)] public required string ShipId { get; init; }
    [Id(3)] public required string Service { get; init; }
    [Id(4)] public string? IncidentId { get; init; }
    [Id(5)] public required string RequestedBy { get; init; }
    [Id(6)] public required DateTimeOffset RequestedAt { get; init; }
    [Id(7)] public string? Reason { get; init; }
    [Id(8)] public bool DryRun { get; init; }

    /// <summary>True when the request came from an insight's runbook suggestion: never auto-approved.</summary>
    [Id(9)] public bool SuggestedByInsight { get; init; }

    [Id(10)] public required string Risk { get; init; }
    [Id(11)] public int ApprovalsRequired { get; init; }
    [Id(12)] public List<Approval> Approvals { get; init; } = [];
    [Id(13)] public string Status { get; set; } = ExecutionStatus.PendingApproval;
    [Id(14)] public DateTimeOffset? StartedAt { get; set; }
    [Id(15)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(16)] public List<string> Steps { get; init; } = [];
    [Id(17)] public string? Error { get; set; }
    [Id(18)] public string? RejectedBy { get; set; }

    public string Target => $"{ShipId}/{Service}";
}
