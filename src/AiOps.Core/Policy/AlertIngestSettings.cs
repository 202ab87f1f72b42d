namespace AiOps.Core.Policy;

/// <summary>
/// <c>ingest.yaml alerts</c>: how an Alertmanager API v2 alert's labels name the ship, service, domain, device,
/// severity and incident type. Each list is tried in order; the first label present wins.
/// </summary>
public sealed class AlertIngestSettings
{
    public List<string> ShipLabels { get; set; } = ["ship_id", "ship"];
    public List<string> ServiceLabels { get; set; } = ["service", "job"];
    public List<string> DomainLabels { get; set; } = ["domain"];
    public List<string> DeviceLabels { get; set; } = ["device_id", "instance"];
    public List<string> SeverityLabels { get; set; } = ["severity"];
    public List<string> IncidentTypeLabels { get; set; } = ["incident_type"];

    /// <summary>The domain of an alert that names none (or one AiOps does not know).</summary>
    public string DefaultDomain { get; set; } = "app";

    /// <summary>The service of an alert with none of <see cref="ServiceLabels"/>.</summary>
    public string DefaultService { get; set; } = "alertmanager";

    /// <summary>Severity label values (lower case) to AiOps severities; others take <see cref="DefaultSeverity"/>.</summary>
    public Dictionary<string, string> SeverityValues { get; set; } = [];
    public string DefaultSeverity { get; set; } = "medium";

    /// <summary>Firing alerts a service remembers to recognise repeats; past it the least recently seen is forgotten.</summary>
    public int MaxFiringPerService { get; set; } = 10_000;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        foreach (var (name, labels) in new[] { ("ship_labels", ShipLabels), ("service_labels", ServiceLabels), ("domain_labels", DomainLabels),
            ("device_labels", DeviceLabels), ("severity_labels", SeverityLabels), ("incident_type_labels", IncidentTypeLabels) })
        {
            if (labels.Any(string.IsNullOrWhiteSpace))
            {
                issues.Add(new($"alerts.{name}", "must not hold an empty label name"));
            }
        }

        issues.AddRange(Checks.OneOf("alerts.default_domain", DefaultDomain, Enum.GetNames<Contracts.Domain>().Select(n => n.ToLowerInvariant()).ToArray()));
        if (string.IsNullOrWhiteSpace(DefaultService))
        {
            issues.Add(new("alerts.default_service", "must not be empty"));
        }

        foreach (var (value, severity) in SeverityValues)
        {
            issues.AddRange(Checks.OneOf($"alerts.severity_values.{value}", severity, Checks.Severities));
        }

        issues.AddRange(Checks.OneOf("alerts.default_severity", DefaultSeverity, Checks.Severities));
        issues.AddRange(Checks.Between("alerts.max_firing_per_service", MaxFiringPerService, 1, 1_000_000));
        return issues;
    }
}
