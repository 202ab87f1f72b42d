namespace AiOps.Core.Policy;

/// <summary>A provider that holds one loaded policy.</summary>
public sealed class StaticPolicyProvider(AiOpsPolicy policy) : IPolicyProvider
{
    public AiOpsPolicy Current { get; } = policy;
}
