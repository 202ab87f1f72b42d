using System.Buffers;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>
/// A trace as the trace stores keep it: the JSON that <see cref="JsonSerializer"/> writes for a
/// <see cref="TraceRecord"/> with <see cref="AiOpsJson.Options"/> (and reads back), written field by field into a
/// reused buffer. An alert storm writes one trace per alert, and the serializer's general path was half of the
/// trace store's cost.
/// </summary>
public static class TraceRecordJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static byte[] ToUtf8(TraceRecord record)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("tracking_id", record.TrackingId);
        writer.WriteString("status", record.Status);
        writer.WriteStartArray("stages");
        foreach (var stage in record.Stages)
        {
            writer.WriteStartObject();
            writer.WriteString("stage", stage.Stage);
            writer.WritePropertyName("ts");
            UtcTimestampConverter.WriteValue(writer, stage.Ts);
            writer.WriteString("status", stage.Status);
            writer.WriteString("error", stage.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("incident_id", record.IncidentId);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
