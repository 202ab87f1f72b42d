using AiOps.Contracts.Remediation;

namespace AiOps.Core.Remediation;

/// <summary>The remediation book's persisted state: executions by id, and cooldowns by action and target.</summary>
[GenerateSerializer, Alias("aiops.remediation-state.v1")]
public sealed class RemediationState
{
    [Id(0)] public Dictionary<string, ActionExecution> Executions { get; set; } = [];
    [Id(1)] public Dictionary<string, DateTimeOffset> CooldownUntil { get; set; } = [];
}
