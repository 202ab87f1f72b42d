using AiOps.Contracts.Remediation;
using AiOps.Core.Policy;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AiOps.Silo.Features.Remediation;

/// <summary>
/// Runs an execution the book let through: pre-check, the action with its retries and timeout, post-check,
/// and rollback when a step fails and remediate.yaml asks for it. Returns the final status and the steps.
/// Each phase is bounded by a Polly timeout (<see cref="PhasePipelineName"/>); the action is retried by a Polly
/// retry (<see cref="RetryPipelineName"/>, <c>max_retries</c> times, <c>retry_delay_sec</c> apart).
/// </summary>
public sealed class ActionRunner
{
    public const string PhasePipelineName = "aiops-remediation-phase";
    public const string RetryPipelineName = "aiops-remediation-retry";

    private static readonly ResiliencePropertyKey<TimeSpan> PhaseTimeout = new("aiops.remediation.timeout");
    private static readonly ResiliencePropertyKey<(int MaxRetries, TimeSpan Delay)> RetryPlan = new("aiops.remediation.retry-plan");

    private readonly IActionExecutor _executor;
    private readonly ResiliencePipeline _phase;
    private readonly ResiliencePipeline<bool> _retry;

    public ActionRunner(IActionExecutor executor, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        _executor = executor;
        _phase = new ResiliencePipelineBuilder { Name = PhasePipelineName, TimeProvider = clock }
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(PhaseTimeout, TimeSpan.Zero)) })
            .ConfigureTelemetry(loggerFactory)
            .Build();
        _retry = new ResiliencePipelineBuilder<bool> { Name = RetryPipelineName, TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                // The plan on the context bounds the attempts by the action's max_retries.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is false && args.AttemptNumber < args.Context.Properties.GetValue(RetryPlan, default).MaxRetries),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(RetryPlan, default).Delay),
            })
            .ConfigureTelemetry(loggerFactory)
            .Build();
    }

    public async Task<(string Status, List<string> Steps, string? Error)> RunAsync(ActionExecution execution, RemediatePolicy policy, CancellationToken cancellation)
    {
        var settings = policy.Actions[execution.Action];
        var steps = new List<string>();
        if (execution.DryRun || !_executor.Acts)
        {
            foreach (var phase in Phases(settings))
            {
                steps.Add((await _executor.RunAsync(execution, phase, cancellation)).Detail);
            }

            if (!execution.DryRun)
            {
                steps.Add("no automation endpoint is configured (Remediation:AutomationUrl), so nothing was changed");
            }

            return (ExecutionStatus.DryRun, steps, null);
        }

        if (settings.RequiresPreCheck && !await StepAsync(execution, ActionPhase.PreCheck, settings.TimeoutSec, steps, cancellation))
        {
            return (ExecutionStatus.Failed, steps, "pre-check failed; the action did not run");
        }

        var done = await ExecuteWithRetriesAsync(execution, settings, TimeSpan.FromSeconds(policy.RetryDelaySec), steps, cancellation);
        if (done && (!settings.RequiresPostCheck || await StepAsync(execution, ActionPhase.PostCheck, settings.TimeoutSec, steps, cancellation)))
        {
            return (ExecutionStatus.Succeeded, steps, null);
        }

        var failure = done ? "post-check failed" : $"the action failed after {settings.MaxRetries + 1} attempts";
        if (policy.Rollback.Enabled && policy.Rollback.AutoRollbackOnFailure)
        {
            var rolledBack = await StepAsync(execution, ActionPhase.Rollback, policy.Rollback.RollbackTimeoutSec, steps, cancellation);
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

    private async Task<bool> ExecuteWithRetriesAsync(ActionExecution execution, ActionSettings settings, TimeSpan delay, List<string> steps, CancellationToken cancellation)
    {
        var context = ResilienceContextPool.Shared.Get(ActionPhase.Execute, cancellation);
        context.Properties.Set(RetryPlan, (settings.MaxRetries, delay));
        try
        {
            return await _retry.ExecuteAsync(async (attempt, _) => await StepAsync(execution, ActionPhase.Execute, settings.TimeoutSec, steps, attempt.CancellationToken), context, 0);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<bool> StepAsync(ActionExecution execution, string phase, int timeoutSec, List<string> steps, CancellationToken cancellation)
    {
        var context = ResilienceContextPool.Shared.Get(phase, cancellation);
        context.Properties.Set(PhaseTimeout, TimeSpan.FromSeconds(timeoutSec));
        try
        {
            var result = await _phase.ExecuteAsync(static async (context, state) => await state.Executor.RunAsync(state.execution, state.phase, context.CancellationToken),
                context, (Executor: _executor, execution, phase));
            steps.Add(result.Detail);
            return result.Ok;
        }
        catch (TimeoutRejectedException)
        {
            steps.Add($"{phase}: timed out after {timeoutSec} s");
            return false;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
