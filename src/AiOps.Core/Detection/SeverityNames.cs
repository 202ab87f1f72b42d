using AiOps.Contracts;

namespace AiOps.Core.Detection;

internal static class SeverityNames
{
    public static Severity Parse(string name) => name.ToLowerInvariant() switch
    {
        "critical" => Severity.Critical,
        "high" => Severity.High,
        "medium" => Severity.Medium,
        _ => Severity.Low,
    };

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
