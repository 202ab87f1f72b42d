using AiOps.Contracts.Remediation;
using AiOps.Core.Policy;

namespace AiOps.Silo.Features.Remediation;

/// <summary>
/// Runs an execution the book let through: pre-check, the action with its retries and timeout, post-check,
/// and rollback when a step fails and remediate.yaml asks for it. Returns the final status and the steps.
/// </summary>
public sealed class ActionRunner(IActionExecutor executor)
{
    public async Task<(string Status, List<string> Steps, string? Error)> RunAsync(ActionExecution execution, RemediatePolicy policy, CancellationToken cancellation)
    {
        var settings = policy.Actions[execution.Action];
        var steps = new List<string>();
        if (execution.DryRun || !executor.Acts)
        {
            foreach (var phase in Phases(settings))
            {
                steps.Add((await executor.RunAsync(execution, phase, cancellation)).Detail);
            }

            if (!execution.DryRun)
            {
                steps.Add("no automation endpoint is configured (Remediation:AutomationUrl), so nothing was changed");
            }

            return (ExecutionStatus.DryRun, steps, null);
        }

        if (settings.RequiresPreCheck && !await StepAsync(execution, ActionPhase.PreCheck, settings, steps, cancellation))
        {
            return (ExecutionStatus.Failed, steps, "pre-check failed; the action did not run");
        }

        var done = false;
        for (var attempt = 0; attempt <= settings.MaxRetries && !done; attempt++)
        {
            done = await StepAsync(execution, ActionPhase.Execute, settings, steps, cancellation);
        }

        if (done && (!settings.RequiresPostCheck || await StepAsync(execution, ActionPhase.PostCheck, settings, steps, cancellation)))
        {
            return (ExecutionStatus.Succeeded, steps, null);
        }

        var failure = done ? "post-check failed" : $"the action failed after {settings.MaxRetries + 1} attempts";
        if (policy.Rollback.Enabled && policy.Rollback.AutoRollbackOnFailure)
        {
            var rolledBack = await StepAsync(execution, ActionPhase.Rollback, settings, steps, cancellation, policy.Rollback.RollbackTimeoutSec);
            return rolledBack ? (ExecutionStatus.RolledBack, steps, failure) : (ExecutionStatus.Failed, steps, failure + "; rollback failed too");
        }

        return (ExecutionStatus.Failed, steps, failure);
    }

    private static IEnumerable<string> Phases(ActionSettings settings)
    {
        if (settings.RequiresPreCheck)
        {
            yield return ActionPhase.PreCheck;
        }

        yield return ActionPhase.Execute;
        if (settings.RequiresPostCheck)
        {
            yield return ActionPhase.PostCheck;
        }
    }

    private async Task<bool> StepAsync(ActionExecution execution, string phase, ActionSettings settings, List<string> steps, CancellationToken cancellation, int? timeoutSec = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSec ?? settings.TimeoutSec));
        try
        {
            var result = await executor.RunAsync(execution, phase, timeout.Token);
            steps.Add(result.Detail);
            return result.Ok;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            steps.Add($"{phase}: timed out after {timeoutSec ?? settings.TimeoutSec} s");
            return false;
        }
    }
}
