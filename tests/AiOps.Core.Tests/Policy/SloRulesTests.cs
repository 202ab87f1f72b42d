using AiOps.Core.Slo;

namespace AiOps.Core.Tests.Policy;

/// <summary>The committed vmalert rules are exactly what slo.yaml generates, so their thresholds are slo.yaml's.</summary>
public sealed class SloRulesTests
{
    [Fact]
    public void The_committed_rules_equal_the_rules_generated_from_slo_yaml()
    {
        var committed = File.ReadAllText(RepoPaths.Of("deploy", "vmalert", "aiops-slo.rules.yml"));

        Assert.Equal(SloRules.Render(TestPolicies.Shipped.Slo), committed);
    }

    [Fact]
    public void Thresholds_and_durations_follow_the_policy()
    {
        var slo = Core.Policy.PolicyLoader.Load(TestPolicies.Directory).Fleet.Slo;
        slo.FastPath.IncidentLatencyP99Ms = 250;
        slo.Alerting["fast_path_latency_violation_min"] = 7;
        slo.Queue["consumer_lag_max"] = 42;

        var rules = SloRules.Render(slo);

        Assert.Contains("rate(aiops_fast_path_latency_seconds_bucket[5m]))) > 0.25'", rules);
        Assert.Contains("for: 7m", rules);
        Assert.Contains("max(aiops_ingest_consumer_lag) > 42'", rules);
        Assert.Contains("< 0.95'", rules);
        Assert.Contains("< 0.6'", rules);
    }
}
