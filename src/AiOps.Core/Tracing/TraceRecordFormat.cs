using AiOps.Contracts.Pipeline;
using AiOps.Core.Storage;
using static AiOps.Core.Storage.CompactWriter;

namespace AiOps.Core.Tracing;

/// <summary>
/// A trace as the embedded trace store keeps it: the compact format (<see cref="CompactWriter"/>) instead of JSON. An
/// alert storm keeps a trace per alert, and its JSON (about 550 bytes, the tracking id and every key and timestamp as
/// text) made SQLite's writes, their checksums and the kernel's copies of them the largest single cost of the host's
/// CPU; this form is a third of that. Its first byte is the format version, which a JSON body never starts with
/// (<c>{</c>), so bodies written before are still read as JSON.
/// </summary>
/// <remarks>
/// Layout: version (1), status, incident id (or null), stage count, then each stage's name, time, status and error
/// (or null). The tracking id is the row's key and is not repeated.
/// </remarks>
public static class TraceRecordFormat
{
    private const byte Version = 1;

    public static bool IsCompact(ReadOnlySpan<byte> body) => body.Length > 0 && body[0] == Version;

    /// <summary>The record's bytes in this thread's reused buffer (<see cref="CompactWriter.Start"/>): copy them before writing the next.</summary>
    public static ReadOnlySpan<byte> Write(TraceRecord record)
    {
        var buffer = Start();
        WriteCount(buffer, Version);
        WriteString(buffer, record.Status);
        WriteString(buffer, record.IncidentId);
        WriteCount(buffer, record.Stages.Count);
        foreach (var stage in record.Stages)
        {
            WriteString(buffer, stage.Stage);
            WriteTime(buffer, stage.Ts);
            WriteString(buffer, stage.Status);
            WriteString(buffer, stage.Error);
        }

        return buffer.WrittenSpan;
    }

    public static TraceRecord Read(string trackingId, ReadOnlySpan<byte> body)
    {
        var reader = new CompactReader(body, "a stored trace");
        if (reader.Count() != Version)
        {
            throw new InvalidDataException("a stored trace of an unknown format version");
        }

        var status = Required(reader.String());
        var incidentId = reader.String();
        var stages = new TraceStage[reader.Count()];
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = new TraceStage(Required(reader.String()), reader.Time(), Required(reader.String()), reader.String());
        }

        return reader.AtEnd
            ? new TraceRecord { TrackingId = trackingId, Status = status, IncidentId = incidentId, Stages = stages }
            : throw new InvalidDataException("a stored trace with bytes after its end");
    }

    private static string Required(string? value) => value ?? throw new InvalidDataException("a stored trace without a required text");
}
