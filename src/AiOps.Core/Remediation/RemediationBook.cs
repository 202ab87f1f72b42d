using AiOps.Contracts.Remediation;
using AiOps.Core.Policy;

namespace AiOps.Core.Remediation;

/// <summary>
/// The remediation rules of remediate.yaml applied to requests and approvals, over a persisted state:
/// allow-list, approvals (one, or two different engineers, never the requester), cooldowns per action and
/// target (taken when a run starts, so two callers cannot both run it), and maintenance windows for risky
/// actions. Pure: the grain stores it, the runner executes what it lets through.
/// </summary>
public static class RemediationBook
{
    public static RemediationDecision Request(RemediationState state, ActionRequest request, RemediatePolicy policy, DateTimeOffset now)
    {
        if (!policy.AllowedActions.Contains(request.Action) || !policy.Actions.TryGetValue(request.Action, out var settings))
        {
            return RemediationDecision.Refused(404, $"action: '{request.Action}' is not an allowed action ({string.Join(", ", policy.AllowedActions)})");
        }

        var execution = new ActionExecution
        {
            ExecutionId = request.ExecutionId,
            Action = request.Action,
            ShipId = request.ShipId,
            Service = request.Service,
            IncidentId = request.IncidentId,
            RequestedBy = request.RequestedBy,
            RequestedAt = now,
            Reason = request.Reason,
            DryRun = request.DryRun,
            SuggestedByInsight = request.SuggestedByInsight,
            Risk = settings.Risk,
            ApprovalsRequired = ApprovalsRequired(request.Action, request.SuggestedByInsight, policy),
        };
        if (execution.ApprovalsRequired == 0 && Blocked(state, execution, policy, now) is { } refusal)
        {
            return refusal;
        }

        state.Executions[execution.ExecutionId] = execution;
        return execution.ApprovalsRequired == 0 ? Start(state, execution, policy, now) : RemediationDecision.Pending(execution);
    }

    public static RemediationDecision Approve(RemediationState state, string executionId, string approver, string? comment, RemediatePolicy policy, DateTimeOffset now)
    {
        if (!state.Executions.TryGetValue(executionId, out var execution))
        {
            return RemediationDecision.Refused(404, $"No execution has the id '{executionId}'.");
        }

        if (execution.Status != ExecutionStatus.PendingApproval)
        {
            return RemediationDecision.Refused(409, $"The execution is {execution.Status}, not waiting for approval.");
        }

        if (string.Equals(approver, execution.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            return RemediationDecision.Refused(409, "The requester cannot approve their own request.");
        }

        if (execution.Approvals.Any(a => string.Equals(a.By, approver, StringComparison.OrdinalIgnoreCase)))
        {
            return RemediationDecision.Refused(409, $"{approver} has already approved; a second, different engineer must approve.");
        }

        if (execution.Approvals.Count + 1 >= execution.ApprovalsRequired && Blocked(state, execution, policy, now) is { } refusal)
        {
            return refusal;
        }

        execution.Approvals.Add(new Approval(approver, now, comment));
        return execution.Approvals.Count >= execution.ApprovalsRequired ? Start(state, execution, policy, now) : RemediationDecision.Pending(execution);
    }

    public static RemediationDecision Reject(RemediationState state, string executionId, string rejecter, DateTimeOffset now)
    {
        if (!state.Executions.TryGetValue(executionId, out var execution))
        {
            return RemediationDecision.Refused(404, $"No execution has the id '{executionId}'.");
        }

        if (execution.Status != ExecutionStatus.PendingApproval)
        {
            return RemediationDecision.Refused(409, $"The execution is {execution.Status}, not waiting for approval.");
        }

        execution.Status = ExecutionStatus.Rejected;
        execution.RejectedBy = rejecter;
        execution.FinishedAt = now;
        return RemediationDecision.Pending(execution);
    }

    public static ActionExecution? Complete(RemediationState state, string executionId, string status, IEnumerable<string> steps, string? error, DateTimeOffset now)
    {
        if (!state.Executions.TryGetValue(executionId, out var execution))
        {
            return null;
        }

        execution.Status = status;
        execution.Steps.AddRange(steps);
        execution.Error = error;
        execution.FinishedAt = now;
        return execution;
    }

    /// <summary>Two different engineers for the listed actions; none for auto-approved ones; else one by default.</summary>
    public static int ApprovalsRequired(string action, bool suggestedByInsight, RemediatePolicy policy)
    {
        if (policy.TwoPersonApprovalFor.Contains(action))
        {
            return 2;
        }

        if (suggestedByInsight)
        {
            return 1;
        }

        return policy.AutoApproveFor.Contains(action) || !policy.HumanInTheLoopDefault ? 0 : 1;
    }

    /// <summary>Cooldowns still running, per "action target" key, with when each ends.</summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> ActiveCooldowns(RemediationState state, DateTimeOffset now) =>
        state.CooldownUntil.Where(c => c.Value > now).ToDictionary(c => c.Key, c => c.Value);

    private static RemediationDecision? Blocked(RemediationState state, ActionExecution execution, RemediatePolicy policy, DateTimeOffset now)
    {
        if (execution.DryRun)
        {
            return null; // a dry run touches nothing, so neither cooldowns nor windows apply
        }

        if (state.CooldownUntil.TryGetValue(CooldownKey(execution), out var until) && until > now)
        {
            return RemediationDecision.Refused(429, $"{execution.Action} on {execution.Target} is cooling down until {until:O}.", until);
        }

        if (execution.Risk != "low" && policy.MaintenanceWindows.Count > 0 && MaintenanceCalendar.WindowAt(now, policy.MaintenanceWindows) is null)
        {
            var windows = string.Join(", ", policy.MaintenanceWindows.Select(w => $"{w.Name} ({w.Day} {w.Start}-{w.End} {w.Timezone})"));
            return RemediationDecision.Refused(409, $"{execution.Action} is {execution.Risk} risk and runs only inside a maintenance window: {windows}.");
        }

        return null;
    }

    private static RemediationDecision Start(RemediationState state, ActionExecution execution, RemediatePolicy policy, DateTimeOffset now)
    {
        execution.Status = ExecutionStatus.Running;
        execution.StartedAt = now;
        if (!execution.DryRun)
        {
            state.CooldownUntil[CooldownKey(execution)] = now.AddSeconds(policy.Actions[execution.Action].CooldownSec);
        }

        return RemediationDecision.Ready(execution);
    }

    private static string CooldownKey(ActionExecution execution) => $"{execution.Action} {execution.Target}";
}
