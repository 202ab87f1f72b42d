namespace AiOps.Core.Policy;

/// <summary>Gives the components the policy in force; a reload swaps the whole bundle at once.</summary>
public interface IPolicyProvider
{
    PolicyBundle Current { get; }
}
