namespace AiOps.Core.Policy;

/// <summary>
/// <c>ingest.yaml otlp</c>: how OTLP/HTTP (<c>POST /v1/logs</c>, <c>/v1/metrics</c>) resources and records become
/// AiOps events. <c>service.name</c>, <c>host.name</c> and <c>device.id</c> are OpenTelemetry's own resource
/// conventions; the ship and the domain have none, so their attribute names are chosen here.
/// </summary>
public sealed class OtlpIngestSettings
{
    /// <summary>The resource attribute naming the ship; a resource without it belongs to this installation's ship.</summary>
    public string ShipAttribute { get; set; } = "ship.id";

    /// <summary>The resource attribute naming the domain (comms, app, net, security, system).</summary>
    public string DomainAttribute { get; set; } = "aiops.domain";

    public string DefaultDomain { get; set; } = "app";

    /// <summary>The service of a resource without <c>service.name</c> (OpenTelemetry's own fallback name).</summary>
    public string DefaultService { get; set; } = "unknown_service";

    /// <summary>A log record's or data point's attribute that carries the sender's tracking id (kept out of meta and labels).</summary>
    public string TrackingIdAttribute { get; set; } = "tracking_id";

    /// <summary>
    /// Histogram, exponential histogram and summary points: <c>count_sum</c> makes each two samples
    /// (<c>{name}_count</c> and <c>{name}_sum</c>, as Prometheus names them); <c>skip</c> takes none and reports each
    /// in partial_success and <c>aiops_events_rejected_total</c>.
    /// </summary>
    public string Histograms { get; set; } = HistogramsCountSum;

    public const string HistogramsCountSum = "count_sum";
    public const string HistogramsSkip = "skip";

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        foreach (var (name, value) in new[] { ("ship_attribute", ShipAttribute), ("domain_attribute", DomainAttribute),
            ("default_service", DefaultService), ("tracking_id_attribute", TrackingIdAttribute) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                issues.Add(new($"otlp.{name}", "must not be empty"));
            }
        }

        issues.AddRange(Checks.OneOf("otlp.default_domain", DefaultDomain, Enum.GetNames<Contracts.Domain>().Select(n => n.ToLowerInvariant()).ToArray()));
        issues.AddRange(Checks.OneOf("otlp.histograms", Histograms, HistogramsCountSum, HistogramsSkip));
        return issues;
    }
}
