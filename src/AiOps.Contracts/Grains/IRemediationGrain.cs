using AiOps.Contracts.Remediation;

namespace AiOps.Contracts.Grains;

/// <summary>
/// The fleet's remediation book (key <see cref="FleetKey"/>): requests, approvals, executions and cooldowns.
/// One grain, so that a cooldown or an approval is decided once for the whole cluster.
/// </summary>
[Alias("aiops.remediation-grain")]
public interface IRemediationGrain : IGrainWithStringKey
{
    const string FleetKey = "fleet";

    Task<RemediationDecision> RequestAsync(ActionRequest request);
    Task<RemediationDecision> ApproveAsync(string executionId, string approver, string? comment);
    Task<RemediationDecision> RejectAsync(string executionId, string rejecter);
    Task<ActionExecution?> CompleteAsync(string executionId, string status, IReadOnlyList<string> steps, string? error);
    Task<ActionExecution?> GetAsync(string executionId);
    Task<IReadOnlyList<ActionExecution>> ListAsync(string? status, int limit);
    Task<IReadOnlyDictionary<string, DateTimeOffset>> CooldownsAsync();
}
