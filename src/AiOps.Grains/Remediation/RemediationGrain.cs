using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Remediation;
using AiOps.Core.Policy;
using AiOps.Core.Remediation;

namespace AiOps.Grains.Remediation;

/// <summary>Stores the remediation book; every decision is persisted before the caller acts on it.</summary>
public sealed class RemediationGrain(
    [PersistentState("remediation", StorageNames.Durable)] IPersistentState<RemediationState> state,
    PolicyRuntime policy,
    TimeProvider clock) : Grain, IRemediationGrain
{
    public Task<RemediationDecision> RequestAsync(ActionRequest request) =>
        DecideAsync(() => RemediationBook.Request(state.State, request, policy.For(request.ShipId).Remediate, clock.GetUtcNow()));

    public Task<RemediationDecision> ApproveAsync(string executionId, string approver, string? comment) =>
        DecideAsync(() => RemediationBook.Approve(state.State, executionId, approver, comment, RemediateFor(executionId), clock.GetUtcNow()));

    public Task<RemediationDecision> RejectAsync(string executionId, string rejecter) =>
        DecideAsync(() => RemediationBook.Reject(state.State, executionId, rejecter, clock.GetUtcNow()));

    public async Task<ActionExecution?> CompleteAsync(string executionId, string status, IReadOnlyList<string> steps, string? error)
    {
        var execution = RemediationBook.Complete(state.State, executionId, status, steps, error, clock.GetUtcNow());
        if (execution is not null)
        {
            await state.WriteStateAsync();
        }

        return execution;
    }

    public Task<ActionExecution?> GetAsync(string executionId) =>
        Task.FromResult(state.State.Executions.GetValueOrDefault(executionId));

    public Task<IReadOnlyList<ActionExecution>> ListAsync(string? status, int limit)
    {
        IReadOnlyList<ActionExecution> found = state.State.Executions.Values
            .Where(e => status is null || e.Status == status)
            .OrderByDescending(e => e.RequestedAt)
            .Take(limit)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> CooldownsAsync() =>
        Task.FromResult(RemediationBook.ActiveCooldowns(state.State, clock.GetUtcNow()));

    private RemediatePolicy RemediateFor(string executionId) =>
        policy.For(state.State.Executions.GetValueOrDefault(executionId)?.ShipId ?? "").Remediate;

    private async Task<RemediationDecision> DecideAsync(Func<RemediationDecision> decide)
    {
        var decision = decide();
        if (decision.Outcome != RemediationDecision.Refuse)
        {
            await state.WriteStateAsync();
        }

        return decision;
    }
}
