using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Journal;

/// <summary>
/// A journal entry of alerts only, in a compact format of its own rather than the Orleans serializer's: an alert
/// carries about 25 strings, and the serializer tracked each one for reference equality, the largest single cost of
/// journaling an alert storm. An entry starts with <c>AJA1</c>, which an Orleans payload never starts with (its
/// first byte is the root field's header, whose low three bits, the field id delta, are 0 for the root; 'A' is 0x41),
/// so the two kinds read back from one journal and entries written before this format still replay.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic, ingest time, alert count, then each alert's fields in a fixed order. Strings are a
/// length + 1 (0: null) as a variable-length integer, then UTF-8; times are UTC ticks and an offset in minutes.
/// </remarks>
public static class AlertBatchFormat
{
    private static ReadOnlySpan<byte> Magic => "AJA1"u8;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>Whether the batch is one this format holds: alerts and nothing else.</summary>
    public static bool Holds(TelemetryBatch batch) => batch.Alerts.Count > 0 && batch.Logs.Count == 0 && batch.Metrics.Count == 0;

    /// <summary>Whether a journal payload is in this format.</summary>
    public static bool IsAlertBatch(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic);

    public static byte[] Write(TelemetryBatch batch)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        buffer.Write(Magic);
        WriteTime(buffer, batch.IngestedAt);
        WriteCount(buffer, batch.Alerts.Count);
        foreach (var alert in batch.Alerts)
        {
            WriteAlert(buffer, alert);
        }

        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 4 * 1024 * 1024)
        {
            // One huge batch must not pin its buffer on this thread for good.
            _buffer = null;
        }

        return bytes;
    }

    public static TelemetryBatch Read(ReadOnlySpan<byte> payload)
    {
        if (!IsAlertBatch(payload))
        {
            throw new InvalidDataException("not an alert batch entry");
        }

        var reader = new SpanReader(payload[Magic.Length..]);
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
        WriteMap(buffer, alert.Labels);
        WriteMap(buffer, alert.Annotations);
        WriteOptionalTime(buffer, alert.StartsAt);
        WriteOptionalTime(buffer, alert.EndsAt);
        WriteString(buffer, alert.GeneratorUrl);
        WriteCount(buffer, alert.Resolved ? 1 : 0);
    }

    private static AlertMessage ReadAlert(ref SpanReader reader) => new()
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
        Labels = reader.Map(),
        Annotations = reader.Map(),
        StartsAt = reader.OptionalTime(),
        EndsAt = reader.OptionalTime(),
        GeneratorUrl = reader.String(),
        Resolved = reader.Count() == 1,
    };

    private static void WriteMap(ArrayBufferWriter<byte> buffer, IReadOnlyDictionary<string, string> map)
    {
        WriteCount(buffer, map.Count);
        if (map is Dictionary<string, string> dictionary)
        {
            // The parser's maps: enumerated without boxing an enumerator per map.
            foreach (var (key, value) in dictionary)
            {
                WriteString(buffer, key);
                WriteString(buffer, value);
            }

            return;
        }

        foreach (var (key, value) in map)
        {
            WriteString(buffer, key);
            WriteString(buffer, value);
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteCount(buffer, 0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(buffer, length + 1);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }

    private static void WriteOptionalTime(ArrayBufferWriter<byte> buffer, DateTimeOffset? time)
    {
        WriteCount(buffer, time is null ? 0 : 1);
        if (time is { } value)
        {
            WriteTime(buffer, value);
        }
    }

    private static void WriteTime(ArrayBufferWriter<byte> buffer, DateTimeOffset time)
    {
        var span = buffer.GetSpan(10);
        BinaryPrimitives.WriteInt64LittleEndian(span, time.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)time.TotalOffsetMinutes);
        buffer.Advance(10);
    }

    private static void WriteCount(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var written = 0;
        var rest = (uint)value;
        while (rest >= 0x80)
        {
            span[written++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        span[written++] = (byte)rest;
        buffer.Advance(written);
    }

    /// <summary>Reads the fields back in the order they were written; a truncated or corrupt entry throws.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public int Count()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var next = Take(1)[0];
                value |= (uint)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return checked((int)value);
                }
            }

            throw new InvalidDataException("a count in an alert batch entry is too long");
        }

        public string? String()
        {
            var length = Count();
            return length == 0 ? null : Encoding.UTF8.GetString(Take(length - 1));
        }

        public DateTimeOffset Time()
        {
            var bytes = Take(10);
            var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(bytes[8..]));
            return new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(bytes) + offset.Ticks, offset);
        }

        public DateTimeOffset? OptionalTime() => Count() == 0 ? null : Time();

        public Dictionary<string, string> Map()
        {
            var count = Count();
            var map = new Dictionary<string, string>(Math.Min(count, 1024), StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                map[String()!] = String()!;
            }

            return map;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _bytes.Length - _position)
            {
                throw new InvalidDataException("an alert batch entry ends early");
            }

            var taken = _bytes.Slice(_position, length);
            _position += length;
            return taken;
        }
    }
}
