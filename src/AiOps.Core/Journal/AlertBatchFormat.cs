using System.Buffers;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Storage;
using static AiOps.Core.Storage.CompactWriter;

namespace AiOps.Core.Journal;

/// <summary>
/// A journal entry of alerts only, in a compact format of its own rather than the Orleans serializer's: an alert
/// carries about 25 strings, and the serializer tracked each one for reference equality, the largest single cost of
/// journaling an alert storm. An entry starts with <c>AJA1</c>, which an Orleans payload never starts with (its
/// first byte is the root field's header, whose low three bits, the field id delta, are 0 for the root; 'A' is 0x41),
/// so the two kinds read back from one journal and entries written before this format still replay.
/// </summary>
/// <remarks>
/// Layout (<see cref="CompactWriter"/>'s primitives): magic, ingest time, alert count, then each alert's fields in a
/// fixed order.
/// </remarks>
public static class AlertBatchFormat
{
    private static ReadOnlySpan<byte> Magic => "AJA1"u8;

    /// <summary>Whether the batch is one this format holds: alerts and nothing else.</summary>
    public static bool Holds(TelemetryBatch batch) => batch.Alerts.Count > 0 && batch.Logs.Count == 0 && batch.Metrics.Count == 0;

    /// <summary>Whether a journal payload is in this format.</summary>
    public static bool IsAlertBatch(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic);

    public static byte[] Write(TelemetryBatch batch)
    {
        var buffer = Start();
        buffer.Write(Magic);
        WriteTime(buffer, batch.IngestedAt);
        WriteCount(buffer, batch.Alerts.Count);
        foreach (var alert in batch.Alerts)
        {
            WriteAlert(buffer, alert);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TelemetryBatch Read(ReadOnlySpan<byte> payload)
    {
        if (!IsAlertBatch(payload))
        {
            throw new InvalidDataException("not an alert batch entry");
        }

        var reader = new CompactReader(payload[Magic.Length..], "an alert batch entry");
        var ingestedAt = reader.Time();
        var alerts = new AlertMessage[reader.Count()];
        for (var i = 0; i < alerts.Length; i++)
        {
            alerts[i] = ReadAlert(ref reader);
        }

        return new TelemetryBatch { IngestedAt = ingestedAt, Alerts = alerts };
    }

    private static void WriteAlert(ArrayBufferWriter<byte> buffer, AlertMessage alert)
    {
        WriteString(buffer, alert.SchemaVersion);
        WriteString(buffer, alert.TrackingId);
        WriteTime(buffer, alert.Ts);
        WriteString(buffer, alert.ShipId);
        WriteString(buffer, alert.Fingerprint);
        WriteString(buffer, alert.AlertName);
        WriteCount(buffer, (int)alert.Domain);
        WriteString(buffer, alert.Service);
        WriteString(buffer, alert.DeviceId);
        WriteCount(buffer, (int)alert.Severity);
        WriteString(buffer, alert.IncidentType);
        WriteStringMap(buffer, alert.Labels);
        WriteStringMap(buffer, alert.Annotations);
        WriteOptionalTime(buffer, alert.StartsAt);
        WriteOptionalTime(buffer, alert.EndsAt);
        WriteString(buffer, alert.GeneratorUrl);
        WriteCount(buffer, alert.Resolved ? 1 : 0);
    }

    private static AlertMessage ReadAlert(ref CompactReader reader) => new()
    {
        SchemaVersion = reader.String()!,
        TrackingId = reader.String()!,
        Ts = reader.Time(),
        ShipId = reader.String()!,
        Fingerprint = reader.String()!,
        AlertName = reader.String()!,
        Domain = (Domain)reader.Count(),
        Service = reader.String()!,
        DeviceId = reader.String(),
        Severity = (Severity)reader.Count(),
        IncidentType = reader.String(),
        Labels = reader.StringMap(),
        Annotations = reader.StringMap(),
        StartsAt = reader.OptionalTime(),
        EndsAt = reader.OptionalTime(),
        GeneratorUrl = reader.String(),
        Resolved = reader.Count() == 1,
    };
}
