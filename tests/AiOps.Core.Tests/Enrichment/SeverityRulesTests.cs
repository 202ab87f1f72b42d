using AiOps.Contracts;
using AiOps.Core.Enrichment;

namespace AiOps.Core.Tests.Enrichment;

public sealed class SeverityRulesTests
{
    [Theory]
    [InlineData(0.95, 0, 0, Severity.Critical)]
    [InlineData(0.9, 0, 0, Severity.Critical)]
    [InlineData(0.85, 0, 0, Severity.High)]
    [InlineData(0.85, 5, 0, Severity.Critical)]
    [InlineData(0.85, 4, 19, Severity.High)]
    [InlineData(0.75, 0, 20, Severity.Critical)]
    [InlineData(0.6, 0, 0, Severity.Medium)]
    [InlineData(0.6, 3, 0, Severity.High)]
    [InlineData(0.5, 0, 10, Severity.High)]
    [InlineData(0.45, 50, 50, Severity.Medium)]
    [InlineData(0.3, 50, 50, Severity.Low)]
    public void Severity_follows_score_and_history(double score, int in1h, int in24h, Severity expected) =>
        Assert.Equal(expected, SeverityRules.Compute(score, in1h, in24h, TestPolicies.Shipped.Detect.Severity));
}
