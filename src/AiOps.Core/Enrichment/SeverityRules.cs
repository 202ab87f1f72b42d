using AiOps.Contracts;
using AiOps.Core.Policy;

namespace AiOps.Core.Enrichment;

/// <summary>Severity from score and recent history (CONTRACTS.md "Enrichment severity").</summary>
public static class SeverityRules
{
    public static Severity Compute(double score, int similar1h, int similar24h, SeveritySettings rules)
    {
        if (score >= rules.CriticalScore)
        {
            return Severity.Critical;
        }

        if (score >= rules.HighScore)
        {
            return similar1h >= rules.EscalateCritical1h || similar24h >= rules.EscalateCritical24h
                ? Severity.Critical
                : Severity.High;
        }

        if (score >= rules.MediumEscalatingScore)
        {
            return similar1h >= rules.EscalateHigh1h || similar24h >= rules.EscalateHigh24h
                ? Severity.High
                : Severity.Medium;
        }

        return score >= rules.MediumScore ? Severity.Medium : Severity.Low;
    }
}
