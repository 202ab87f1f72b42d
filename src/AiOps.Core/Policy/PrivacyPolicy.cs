using System.Net;

namespace AiOps.Core.Policy;

/// <summary><c>privacy.yaml</c>: PII redaction and what may leave the ship.</summary>
public sealed class PrivacyPolicy
{
    public static readonly string[] KnownPatterns = ["email_addresses", "credit_cards", "phone_numbers", "ssn", "ip_addresses_guest", "secrets"];
    public static readonly string[] KnownPaths = ["incident_evidence", "llm_prompt", "vector_store", "shore_sync"];

    public string SchemaVersion { get; set; } = "";
    public bool RedactPii { get; set; } = true;
    public List<string> PiiPatterns { get; set; } = [];
    public List<string> GuestNetworks { get; set; } = [];
    public List<string> ApplyTo { get; set; } = [];
    public ShoreSyncSettings ShoreSync { get; set; } = new();
    public bool AnonymizeGuestData { get; set; } = true;
    public int RetentionAfterAnonymizationDays { get; set; }
    public bool AccessLogging { get; set; } = true;
    public bool LogDataAccess { get; set; } = true;

    /// <summary>True when redaction is on and applies to <paramref name="path"/> (one of <see cref="KnownPaths"/>).</summary>
    public bool Redacts(string path) => RedactPii && ApplyTo.Contains(path);

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        foreach (var (pattern, i) in PiiPatterns.Select((p, i) => (p, i)))
        {
            issues.AddRange(Checks.OneOf($"pii_patterns[{i}]", pattern, KnownPatterns));
        }

        foreach (var (network, i) in GuestNetworks.Select((n, i) => (n, i)))
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                issues.Add(new($"guest_networks[{i}]", $"\"{network}\" is not a CIDR range such as 10.200.0.0/16"));
            }
        }

        foreach (var (path, i) in ApplyTo.Select((p, i) => (p, i)))
        {
            issues.AddRange(Checks.OneOf($"apply_to[{i}]", path, KnownPaths));
        }

        issues.AddRange(Checks.Between("retention_after_anonymization_days", RetentionAfterAnonymizationDays, 0, 36500));
        return issues;
    }
}

public sealed class ShoreSyncSettings
{
    public bool RawLogs { get; set; }
    public bool Incidents { get; set; } = true;
    public bool Summaries { get; set; } = true;
    public bool Metrics { get; set; } = true;
}
