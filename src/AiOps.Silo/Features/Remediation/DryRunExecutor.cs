using AiOps.Contracts.Remediation;

namespace AiOps.Silo.Features.Remediation;

/// <summary>The executor when no automation endpoint is configured: it records what would run and touches nothing.</summary>
public sealed class DryRunExecutor : IActionExecutor
{
    public bool Acts => false;

    public Task<PhaseResult> RunAsync(ActionExecution execution, string phase, CancellationToken cancellation) =>
        Task.FromResult(new PhaseResult(true, $"{phase}: would run {execution.Action} on {execution.Target} (dry run)"));
}
