namespace AiOps.Contracts.Remediation;

/// <summary>
/// What the book says to a request or an approval: run it now, wait for approvals, or refuse (with the
/// HTTP status that fits and, for a cooldown, when the action becomes available).
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.remediation-decision.v1")]
public sealed record RemediationDecision(
    [property: Id(0)] string Outcome,
    [property: Id(1)] ActionExecution? Execution,
    [property: Id(2)] int RefusalStatus,
    [property: Id(3)] string? Problem,
    [property: Id(4)] DateTimeOffset? AvailableAt)
{
    public const string Run = "run";
    public const string Wait = "wait";
    public const string Refuse = "refuse";

    public static RemediationDecision Ready(ActionExecution execution) => new(Run, execution, 0, null, null);
    public static RemediationDecision Pending(ActionExecution execution) => new(Wait, execution, 0, null, null);
    public static RemediationDecision Refused(int status, string problem, DateTimeOffset? availableAt = null) => new(Refuse, null, status, problem, availableAt);
}
