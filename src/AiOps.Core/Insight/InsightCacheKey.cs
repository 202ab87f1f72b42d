using System.Security.Cryptography;
using System.Text;
using AiOps.Contracts.Messages;

namespace AiOps.Core.Insight;

/// <summary>
/// The cache key of an incident's insight from <c>llm.yaml cache_key_fields</c>. The ship is not part of it, so an
/// identical incident on another ship reuses the insight without calling the model.
/// </summary>
public static class InsightCacheKey
{
    public static string For(Incident incident, IReadOnlyList<string> fields)
    {
        var parts = fields.Select(field => field switch
        {
            "incident_type" => $"type={incident.IncidentType}",
            "severity" => $"severity={incident.Severity}",
            "scope" => "scope=" + string.Join(",", incident.Scope.Select(s => $"{s.Service}/{s.DeviceId}").Distinct().Order(StringComparer.Ordinal)),
            "service" => "service=" + string.Join(",", incident.Scope.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal)),
            _ => $"{field}=",
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", parts))))[..32];
    }
}
