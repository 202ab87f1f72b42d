namespace AiOps.Core.Policy;

/// <summary><c>remediate.yaml</c>: the action allow-list, approvals, cooldowns, maintenance windows, rollback.</summary>
public sealed class RemediatePolicy
{
    public string SchemaVersion { get; set; } = "";
    public List<string> AllowedActions { get; set; } = [];
    public bool HumanInTheLoopDefault { get; set; } = true;
    public List<string> AutoApproveFor { get; set; } = [];
    public List<string> TwoPersonApprovalFor { get; set; } = [];
    public Dictionary<string, ActionSettings> Actions { get; set; } = [];
    public List<MaintenanceWindow> MaintenanceWindows { get; set; } = [];
    public RollbackSettings Rollback { get; set; } = new();

    /// <summary>The wait before a failed action is tried again (each action's <c>max_retries</c> times).</summary>
    public int RetryDelaySec { get; set; } = 5;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        foreach (var (action, i) in AutoApproveFor.Select((a, i) => (a, i)))
        {
            if (!AllowedActions.Contains(action))
            {
                issues.Add(new($"auto_approve_for[{i}]", $"\"{action}\" is not in allowed_actions"));
            }
        }

        foreach (var action in AllowedActions.Where(a => !Actions.ContainsKey(a)))
        {
            issues.Add(new("actions", $"allowed action \"{action}\" has no definition"));
        }

        foreach (var (name, action) in Actions)
        {
            if (!AllowedActions.Contains(name))
            {
                issues.Add(new($"actions.{name}", "is not in allowed_actions"));
            }

            issues.AddRange(Checks.OneOf($"actions.{name}.risk", action.Risk, "low", "medium", "high"));
            issues.AddRange(Checks.Between($"actions.{name}.cooldown_sec", action.CooldownSec, 0, 604800));
            issues.AddRange(Checks.Between($"actions.{name}.max_retries", action.MaxRetries, 0, 10));
            issues.AddRange(Checks.Between($"actions.{name}.timeout_sec", action.TimeoutSec, 1, 3600));
        }

        foreach (var (window, i) in MaintenanceWindows.Select((w, i) => (w, i)))
        {
            issues.AddRange(Checks.OneOf($"maintenance_windows[{i}].day", window.Day, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "daily"));
            issues.AddRange(NotifyPolicy.Time($"maintenance_windows[{i}].start", window.Start));
            issues.AddRange(NotifyPolicy.Time($"maintenance_windows[{i}].end", window.End));
        }

        issues.AddRange(Checks.Between("rollback.rollback_timeout_sec", Rollback.RollbackTimeoutSec, 1, 3600));
        issues.AddRange(Checks.Between("retry_delay_sec", RetryDelaySec, 0, 3600));
        return issues;
    }
}

public sealed class ActionSettings
{
    public string Risk { get; set; } = "low";
    public int CooldownSec { get; set; }
    public int MaxRetries { get; set; }
    public int TimeoutSec { get; set; } = 60;
    public bool RequiresPreCheck { get; set; }
    public bool RequiresPostCheck { get; set; }
}

public sealed class MaintenanceWindow
{
    public string Name { get; set; } = "";
    public string Day { get; set; } = "sunday";
    public string Start { get; set; } = "02:00";
    public string End { get; set; } = "04:00";
    public string Timezone { get; set; } = "UTC";
}

public sealed class RollbackSettings
{
    public bool Enabled { get; set; }
    public bool AutoRollbackOnFailure { get; set; }
    public int RollbackTimeoutSec { get; set; }
}
