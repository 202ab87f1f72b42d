using AiOps.Core.Detection;
using AiOps.Core.Policy;

namespace AiOps.Grains.Services;

/// <summary>The policy in force, with its compiled detect rules, recompiled only when the policy changes.</summary>
public sealed class PolicyRuntime(IPolicyProvider provider)
{
    private (AiOpsPolicy Policy, CompiledDetectPolicy Compiled)? _cache;

    public AiOpsPolicy Current => provider.Current;

    public CompiledDetectPolicy Detect
    {
        get
        {
            var policy = provider.Current;
            var cached = _cache;
            if (cached is { } hit && ReferenceEquals(hit.Policy, policy))
            {
                return hit.Compiled;
            }

            var compiled = new CompiledDetectPolicy(policy.Detect, policy.Ingest);
            _cache = (policy, compiled);
            return compiled;
        }
    }
}
