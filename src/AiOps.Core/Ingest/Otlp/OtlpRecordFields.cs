using System.Text.Json;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>The parts of a log record or data point that AiOps keeps beside its value: tracking id and meta.</summary>
internal static class OtlpRecordFields
{
    /// <summary>The sender's tracking id (ingest.yaml otlp.tracking_id_attribute), else a new one.</summary>
    public static string TrackingId(RepeatedField<KeyValue> attributes, OtlpIngestSettings settings, IngestDefaults defaults)
    {
        var given = attributes.FirstOrDefault(a => a.Key == settings.TrackingIdAttribute)?.Value is { } value ? OtlpValues.Text(value) : null;
        return string.IsNullOrEmpty(given) ? TrackingIds.New(defaults.Now) : FieldRules.TrackingId(given);
    }

    /// <summary>
    /// A log record's attributes (less the tracking id), trace and span ids (hex) and event name as a meta object,
    /// within ingest.yaml's meta limits; null when there is nothing to keep.
    /// </summary>
    public static string? Meta(LogRecord record, OtlpIngestSettings settings, IngestLimits limits)
    {
        var attributes = record.Attributes.Where(a => a.Key != settings.TrackingIdAttribute).ToList();
        var extra = new List<KeyValue>();
        AddHex(extra, "trace_id", record.TraceId);
        AddHex(extra, "span_id", record.SpanId);
        if (!string.IsNullOrEmpty(record.EventName))
        {
            extra.Add(new KeyValue { Key = "event_name", Value = new AnyValue { StringValue = record.EventName } });
        }

        if (attributes.Count + extra.Count == 0)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            OtlpValues.WriteObject(writer, attributes.Concat(extra), OtlpJsonBudget.For(limits), 1);
        }

        if (buffer.WrittenCount > limits.MaxMetaBytes)
        {
            throw new InvalidItemException($"field 'attributes' is {buffer.WrittenCount} bytes as meta, over ingest.yaml limits.max_meta_bytes {limits.MaxMetaBytes}");
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void AddHex(List<KeyValue> pairs, string key, ByteString id)
    {
        if (!id.IsEmpty && id.Span.ContainsAnyExcept((byte)0))
        {
            pairs.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = Convert.ToHexStringLower(id.Span) } });
        }
    }
}
