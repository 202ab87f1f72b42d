using System.Buffers;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;

namespace AiOps.Core.Alerts;

/// <summary>
/// One alert of an Alertmanager API v2 body (<c>{labels, annotations, startsAt, endsAt, generatorURL}</c>).
/// Fields Alertmanager does not know are ignored, as Alertmanager ignores them: senders add their own.
/// An <c>endsAt</c> at or before the arrival time means the sender resolved the alert.
/// </summary>
public static class AlertmanagerAlertParser
{
    private static readonly SearchValues<char> IncidentTypeChars =
        SearchValues.Create("-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static AlertMessage Parse(ReadOnlySpan<byte> json, IngestDefaults defaults, AlertIngestSettings settings)
    {
        // Each field's error is thrown when it is asked for, so this order is the order errors are reported in.
        var fields = AlertmanagerAlertFields.Read(json, defaults);
        var labels = fields.Labels ?? throw new InvalidItemException("field 'labels' is required");
        var annotations = fields.Annotations ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (!labels.TryGetValue("alertname", out var alertName) || string.IsNullOrWhiteSpace(alertName))
        {
            throw new InvalidItemException("field 'labels.alertname' is required");
        }

        var startsAt = fields.StartsAt;
        var endsAt = fields.EndsAt;
        var resolved = endsAt is { } end && end <= defaults.Now;
        // ToLowerInvariant returns the label itself when it is lower case already, as senders usually write it.
        var severityLabel = First(labels, settings.SeverityLabels)?.ToLowerInvariant();
        var severity = severityLabel is not null && settings.SeverityValues.TryGetValue(severityLabel, out var mapped) ? mapped : settings.DefaultSeverity;
        var domainLabel = First(labels, settings.DomainLabels);
        return new AlertMessage
        {
            TrackingId = TrackingIds.New(defaults.Now),
            Ts = defaults.Now,
            ShipId = First(labels, settings.ShipLabels) is { } ship ? FieldRules.ShipId(ship) : defaults.ShipId,
            Fingerprint = AlertFingerprint.Of(labels),
            AlertName = FieldRules.Name(alertName, "labels.alertname", 200),
            Domain = FieldRules.Domain(domainLabel is not null && Enum.TryParse<Domain>(domainLabel, ignoreCase: true, out _) ? domainLabel : settings.DefaultDomain),
            Service = FieldRules.Name(First(labels, settings.ServiceLabels) ?? settings.DefaultService, "labels.service"),
            DeviceId = FieldRules.OptionalName(First(labels, settings.DeviceLabels), "labels.device"),
            Severity = Enum.Parse<Severity>(severity, ignoreCase: true),
            IncidentType = First(labels, settings.IncidentTypeLabels) is { } type ? IncidentType(type) : null,
            Labels = labels,
            Annotations = annotations,
            StartsAt = startsAt,
            EndsAt = endsAt,
            GeneratorUrl = FieldRules.OptionalName(fields.GeneratorUrl, "generatorURL", 2048),
            Resolved = resolved,
        };
    }

    /// <summary>An incident type names grain keys: lower-case letters, digits, '_' and '-' only.</summary>
    private static string IncidentType(string value)
    {
        var type = value.Trim().ToLowerInvariant();
        return type.Length is > 0 and <= 64 && !type.AsSpan().ContainsAnyExcept(IncidentTypeChars)
            ? type
            : throw new InvalidItemException($"label 'incident_type' must be 1-64 letters, digits, '_' or '-', not '{ItemReader.Printable(value)}'");
    }

    private static string? First(Dictionary<string, string> labels, List<string> names)
    {
        foreach (var name in names)
        {
            if (labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
