namespace AiOps.Core.Policy;

/// <summary>One problem found in a policy file, by key path (e.g. <c>thresholds.cpu_pct_high.value</c>).</summary>
public readonly record struct PolicyIssue(string KeyPath, string Message);
