using System.Text.Json;
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
    public static AlertMessage Parse(ReadOnlySpan<byte> json, IngestDefaults defaults, AlertIngestSettings settings)
    {
        JsonElement item;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            item = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new InvalidItemException($"the alert is not valid JSON: {e.Message}");
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidItemException("an alert must be a JSON object with 'labels'");
        }

        var labels = StringMap(item, "labels", defaults, required: true);
        var annotations = StringMap(item, "annotations", defaults, required: false);
        if (!labels.TryGetValue("alertname", out var alertName) || string.IsNullOrWhiteSpace(alertName))
        {
            throw new InvalidItemException("field 'labels.alertname' is required");
        }

        var startsAt = Time(item, "startsAt");
        var endsAt = Time(item, "endsAt");
        var resolved = endsAt is { } end && end <= defaults.Now;
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
            GeneratorUrl = item.TryGetProperty("generatorURL", out var url) && url.ValueKind == JsonValueKind.String
                ? FieldRules.OptionalName(url.GetString(), "generatorURL", 2048)
                : null,
            Resolved = resolved,
        };
    }

    /// <summary>An incident type names grain keys: lower-case letters, digits, '_' and '-' only.</summary>
    private static string IncidentType(string value)
    {
        var type = value.Trim().ToLowerInvariant();
        return type.Length is > 0 and <= 64 && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
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

    private static Dictionary<string, string> StringMap(JsonElement item, string field, IngestDefaults defaults, bool required)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new InvalidItemException($"field '{field}' is required") : map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidItemException($"field '{field}' must be an object of strings");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidItemException($"field '{field}.{property.Name}' must be a string");
            }

            if (map.Count >= defaults.Limits.MaxMetaKeys)
            {
                throw new InvalidItemException($"field '{field}' has more than {defaults.Limits.MaxMetaKeys} entries (ingest.yaml limits.max_meta_keys)");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(property.Name) > defaults.Limits.MaxLabelNameBytes)
            {
                throw new InvalidItemException($"field '{field}' has a name longer than {defaults.Limits.MaxLabelNameBytes} bytes (ingest.yaml limits.max_label_name_bytes)");
            }

            var text = property.Value.GetString()!;
            // Label values are identity and must fit; annotations are prose and are cut like a log message.
            map[property.Name] = required
                ? (System.Text.Encoding.UTF8.GetByteCount(text) <= defaults.Limits.MaxLabelValueBytes ? text
                    : throw new InvalidItemException($"field '{field}.{property.Name}' is longer than {defaults.Limits.MaxLabelValueBytes} bytes (ingest.yaml limits.max_label_value_bytes)"))
                : text.Length == 0 ? text : FieldRules.Message(text, defaults.MaxMsgBytes);
        }

        return map;
    }

    private static DateTimeOffset? Time(JsonElement item, string field)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTimeOffset(out var ts))
        {
            throw new InvalidItemException($"field '{field}' must be an RFC 3339 timestamp");
        }

        // Go's zero time is how Prometheus and vmalert say "not set".
        return ts.Year <= 1 ? null : ts.ToUniversalTime();
    }
}
