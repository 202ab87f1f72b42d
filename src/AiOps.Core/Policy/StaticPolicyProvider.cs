namespace AiOps.Core.Policy;

/// <summary>A provider that holds one loaded policy folder (tools and tests).</summary>
public sealed class StaticPolicyProvider(PolicyBundle policy) : IPolicyProvider
{
    public PolicyBundle Current { get; } = policy;
}
