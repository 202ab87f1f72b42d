using System.Collections.ObjectModel;

namespace AiOps.Contracts.Messages;

/// <summary>
/// One alert as an Alertmanager-compatible sender (Prometheus, vmalert, Grafana) posted it, with the labels
/// ingest.yaml names already mapped to ship, service, domain, device and level.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.alert-message.v1")]
public sealed record AlertMessage : BaseMessage
{
    /// <summary>Alertmanager's fingerprint of the label set: what makes a repeat the same alert.</summary>
    [Id(0)] public required string Fingerprint { get; init; }
    [Id(1)] public required string AlertName { get; init; }
    [Id(2)] public required Domain Domain { get; init; }
    [Id(3)] public required string Service { get; init; }
    [Id(4)] public string? DeviceId { get; init; }

    /// <summary>The alert's severity label read through ingest.yaml's <c>alerts.severity_values</c>.</summary>
    [Id(5)] public required Severity Severity { get; init; }

    /// <summary>An incident type the sender named in a label, else the domain's default applies.</summary>
    [Id(6)] public string? IncidentType { get; init; }
    // Empty by default without a map per alert: the parser always sets both, and two dictionaries made only to be
    // replaced were a twentieth of what an alert storm allocated.
    [Id(7)] public IReadOnlyDictionary<string, string> Labels { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    [Id(8)] public IReadOnlyDictionary<string, string> Annotations { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    [Id(9)] public DateTimeOffset? StartsAt { get; init; }
    [Id(10)] public DateTimeOffset? EndsAt { get; init; }
    [Id(11)] public string? GeneratorUrl { get; init; }

    /// <summary>True when <see cref="EndsAt"/> had passed on arrival: the sender says the alert is over.</summary>
    [Id(12)] public bool Resolved { get; init; }
}
