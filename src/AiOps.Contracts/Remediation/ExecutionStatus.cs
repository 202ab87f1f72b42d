namespace AiOps.Contracts.Remediation;

/// <summary>The states of an execution.</summary>
public static class ExecutionStatus
{
    public const string PendingApproval = "pending_approval";
    public const string Rejected = "rejected";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string RolledBack = "rolled_back";
    public const string DryRun = "dry_run";

    public static bool IsFinal(string status) => status is Rejected or Succeeded or Failed or RolledBack or DryRun;
}
