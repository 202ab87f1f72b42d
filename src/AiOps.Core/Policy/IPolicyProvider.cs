namespace AiOps.Core.Policy;

/// <summary>Gives the components the policy in force; a reload swaps it as a whole.</summary>
public interface IPolicyProvider
{
    AiOpsPolicy Current { get; }
}
