namespace AiOps.Contracts;

/// <summary>Incident and anomaly severity, ordered low &lt; medium &lt; high &lt; critical.</summary>
public enum Severity
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
