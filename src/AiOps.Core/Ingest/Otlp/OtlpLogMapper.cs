using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>
/// OTLP log records to <see cref="LogMessage"/>s: the resource names ship, service, domain, host and device; the
/// severity number (else a known severity text, else info) gives the level; the body the message; the attributes,
/// trace and span ids and event name the meta. A record that cannot be taken is reported by its place in the
/// request and the others are kept.
/// </summary>
public static class OtlpLogMapper
{
    public static IngestBatch<LogMessage> Map(ExportLogsServiceRequest request, IngestDefaults defaults, OtlpIngestSettings settings, int maxItems)
    {
        var total = request.ResourceLogs.Sum(r => r.ScopeLogs.Sum(s => s.LogRecords.Count));
        if (total > maxItems)
        {
            return IngestBatch<LogMessage>.Unreadable($"the request holds {total} log records; at most {maxItems} are taken per request");
        }

        var accepted = new List<LogMessage>(total);
        var errors = new List<IngestItemError>();
        var index = 0;
        for (var r = 0; r < request.ResourceLogs.Count; r++)
        {
            var resourceLogs = request.ResourceLogs[r];
            var (resource, resourceProblem) = OtlpResourceFields.TryFrom(resourceLogs.Resource, settings, defaults);
            for (var s = 0; s < resourceLogs.ScopeLogs.Count; s++)
            {
                var records = resourceLogs.ScopeLogs[s].LogRecords;
                for (var i = 0; i < records.Count; i++, index++)
                {
                    var place = $"resource_logs[{r}].scope_logs[{s}].log_records[{i}]";
                    try
                    {
                        accepted.Add(Record(records[i], resource ?? throw new InvalidItemException(resourceProblem!), defaults, settings));
                    }
                    catch (InvalidItemException e)
                    {
                        errors.Add(new IngestItemError(index, $"{place}: {e.Message}"));
                    }
                }
            }
        }

        return new IngestBatch<LogMessage>(accepted, errors, null);
    }

    private static LogMessage Record(LogRecord record, OtlpResourceFields resource, IngestDefaults defaults, OtlpIngestSettings settings)
    {
        var body = record.Body is { } value ? OtlpValues.Text(value) : null;
        if (string.IsNullOrEmpty(body))
        {
            body = string.IsNullOrEmpty(record.EventName) ? throw new InvalidItemException("field 'body' is required (a log record with neither body nor event_name says nothing)") : record.EventName;
        }

        return new LogMessage
        {
            SchemaVersion = SchemaVersion.Current,
            TrackingId = OtlpRecordFields.TrackingId(record.Attributes, settings, defaults),
            Ts = OtlpTime.From(record.TimeUnixNano) ?? OtlpTime.From(record.ObservedTimeUnixNano) ?? defaults.Now,
            ShipId = resource.ShipId,
            Domain = resource.Domain,
            Service = resource.Service,
            Level = Level(record),
            Msg = FieldRules.Message(body, defaults.MaxMsgBytes),
            Host = resource.Host,
            DeviceId = resource.DeviceId,
            Meta = OtlpRecordFields.Meta(record, settings, defaults.Limits),
        };
    }

    /// <summary>OTLP's severity ranges (1-4 trace ... 21-24 fatal); unset, the text if it names a level; else info.</summary>
    internal static MessageLevel Level(LogRecord record)
    {
        var number = (int)record.SeverityNumber;
        return number switch
        {
            >= 1 and <= 8 => MessageLevel.Debug,
            >= 9 and <= 12 => MessageLevel.Info,
            >= 13 and <= 16 => MessageLevel.Warn,
            >= 17 and <= 20 => MessageLevel.Error,
            >= 21 and <= 24 => MessageLevel.Fatal,
            0 => TextLevel(record.SeverityText),
            _ => throw new InvalidItemException($"field 'severity_number' must be 0-24, not {number}"),
        };
    }

    private static MessageLevel TextLevel(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return MessageLevel.Info;
        }

        try
        {
            return FieldRules.Level(text.Trim());
        }
        catch (InvalidItemException)
        {
            // The text is free-form at the source; without a number, an unknown one says nothing about severity.
            return MessageLevel.Info;
        }
    }
}
