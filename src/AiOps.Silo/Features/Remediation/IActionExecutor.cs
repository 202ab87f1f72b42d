using AiOps.Contracts.Remediation;

namespace AiOps.Silo.Features.Remediation;

/// <summary>
/// Carries out one phase of an allow-listed action. Implementations act through a fixed interface (an
/// automation endpoint, a dry run), never by building a shell command from request or log text.
/// </summary>
public interface IActionExecutor
{
    /// <summary>False for an executor that only records what it would do.</summary>
    bool Acts { get; }

    Task<PhaseResult> RunAsync(ActionExecution execution, string phase, CancellationToken cancellation);
}

public readonly record struct PhaseResult(bool Ok, string Detail);

public static class ActionPhase
{
    public const string PreCheck = "pre_check";
    public const string Execute = "execute";
    public const string PostCheck = "post_check";
    public const string Rollback = "rollback";
}
