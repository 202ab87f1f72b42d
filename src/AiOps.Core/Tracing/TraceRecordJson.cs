using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Json;

namespace AiOps.Core.Tracing;

/// <summary>
/// A trace as the trace stores keep it: the JSON that <see cref="JsonSerializer"/> writes for a
/// <see cref="TraceRecord"/> with <see cref="AiOpsJson.Options"/> (and reads back), written field by field into a
/// reused buffer. An alert storm writes one trace per alert, and the serializer's general path was half of the
/// trace store's cost.
/// </summary>
public static class TraceRecordJson
{
    public static byte[] ToUtf8(TraceRecord record) => Write(record).ToArray();

    /// <summary>
    /// The record's JSON in this thread's reused buffer: valid until the thread writes its next document, so the
    /// caller copies it (SQLite's bind does) before anything else is written.
    /// </summary>
    public static ReadOnlySpan<byte> Write(TraceRecord record)
    {
        var writer = ReusedJsonWriter.Start(out var buffer);
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
        return buffer.WrittenSpan;
    }
}
