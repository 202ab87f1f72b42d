using System.Runtime.CompilerServices;
using AiOps.Core.Detection;
using AiOps.Core.Privacy;

namespace AiOps.Core.Policy;

/// <summary>
/// The policy in force, for the fleet or one ship, read on every use so that a reload reaches running
/// grains without a restart. Compiled detect rules are cached per policy instance.
/// </summary>
public sealed class PolicyRuntime(IPolicyProvider provider)
{
    private readonly ConditionalWeakTable<AiOpsPolicy, CompiledDetectPolicy> _compiled = new();
    private readonly ConditionalWeakTable<AiOpsPolicy, PiiRedactor> _redactors = new();

    public PolicyBundle Bundle => provider.Current;

    public AiOpsPolicy Fleet => provider.Current.Fleet;

    public AiOpsPolicy For(string shipId) => provider.Current.For(shipId);

    public CompiledDetectPolicy DetectFor(string shipId) =>
        _compiled.GetValue(For(shipId), static policy => new CompiledDetectPolicy(policy.Detect, policy.Ingest));

    /// <summary>The ship's redactor for <paramref name="path"/> (privacy.yaml <c>apply_to</c>), or null when that path is not redacted.</summary>
    public PiiRedactor? RedactorFor(string shipId, string path)
    {
        var policy = For(shipId);
        return policy.Privacy.Redacts(path) ? _redactors.GetValue(policy, static p => new PiiRedactor(p.Privacy)) : null;
    }

    /// <summary>The ship of a grain key such as <c>{ship}/{service}</c> or <c>{type}/{ship}</c>.</summary>
    public static string ShipOfServiceKey(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];

    public static string ShipOfCorrelationKey(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
