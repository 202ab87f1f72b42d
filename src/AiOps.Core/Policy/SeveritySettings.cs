using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace AiOps.Core.Policy;

/// <summary>Enrichment severity from score and history (CONTRACTS.md, "Enrichment severity").</summary>
public sealed class SeveritySettings
{
    public double CriticalScore { get; set; } = 0.9;
    public double HighScore { get; set; } = 0.7;
    [YamlMember(Alias = "escalate_critical_1h"), JsonPropertyName("escalate_critical_1h")]
    public int EscalateCritical1h { get; set; } = 5;
    [YamlMember(Alias = "escalate_critical_24h"), JsonPropertyName("escalate_critical_24h")]
    public int EscalateCritical24h { get; set; } = 20;
    public double MediumEscalatingScore { get; set; } = 0.5;
    [YamlMember(Alias = "escalate_high_1h"), JsonPropertyName("escalate_high_1h")]
    public int EscalateHigh1h { get; set; } = 3;
    [YamlMember(Alias = "escalate_high_24h"), JsonPropertyName("escalate_high_24h")]
    public int EscalateHigh24h { get; set; } = 10;
    public double MediumScore { get; set; } = 0.4;

    internal IEnumerable<PolicyIssue> Validate()
    {
        if (!(CriticalScore >= HighScore && HighScore >= MediumEscalatingScore && MediumEscalatingScore >= MediumScore))
        {
            yield return new("severity", "scores must satisfy critical_score >= high_score >= medium_escalating_score >= medium_score");
        }

        if (EscalateCritical1h < 1 || EscalateCritical24h < 1 || EscalateHigh1h < 1 || EscalateHigh24h < 1)
        {
            yield return new("severity", "escalation counts must be at least 1");
        }
    }
}
