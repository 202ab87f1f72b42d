using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AiOps.Core.Storage;

/// <summary>
/// The primitives of AiOps' own compact binary formats (journal entries of alerts, large parts of grain states),
/// written instead of the Orleans serializer's where it tracked every string for reference equality. Little-endian:
/// counts are variable-length integers; a string is its UTF-8 length + 1 (0: null), then the bytes; a time is UTC
/// ticks (8 bytes) and an offset in minutes (2 bytes). <see cref="CompactReader"/> reads them back.
/// </summary>
public static class CompactWriter
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>
    /// This thread's reused buffer, emptied: what is written in it holds until the thread's next start, which is how
    /// its users take it (a serializer writes a state field of bytes before it reads the next field; the journal and
    /// the trace store copy theirs at once), so that a snapshot of megabytes does not allocate its bytes on every write.
    /// </summary>
    public static ArrayBufferWriter<byte> Start()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>A list of strings: its count, then each string.</summary>
    public static ReadOnlyMemory<byte> Strings(IReadOnlyCollection<string> values)
    {
        var buffer = Start();
        WriteCount(buffer, values.Count);
        foreach (var value in values)
        {
            WriteString(buffer, value);
        }

        return buffer.WrittenMemory;
    }

    public static void WriteCount(ArrayBufferWriter<byte> buffer, int value)
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

    public static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteCount(buffer, 0);
            return;
        }

        if (value.Length <= MaxOneByteLengthChars)
        {
            // One pass for the short strings that states and alerts are made of (keys, ids, label values): encoded
            // behind a one-byte length, set once the length is known. Counting the bytes first was a second pass
            // over every string, and this method the largest single one in a profile of an alert storm.
            var span = buffer.GetSpan(1 + value.Length * 3);
            var written = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)(written + 1);
            buffer.Advance(1 + written);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(buffer, length + 1);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }

    // A UTF-16 char is at most three UTF-8 bytes: a string this short has a length + 1 below 128, one varint byte.
    private const int MaxOneByteLengthChars = 42;

    public static void WriteTime(ArrayBufferWriter<byte> buffer, DateTimeOffset time)
    {
        var span = buffer.GetSpan(10);
        BinaryPrimitives.WriteInt64LittleEndian(span, time.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)time.TotalOffsetMinutes);
        buffer.Advance(10);
    }

    public static void WriteDouble(ArrayBufferWriter<byte> buffer, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public static void WriteOptionalTime(ArrayBufferWriter<byte> buffer, DateTimeOffset? time)
    {
        WriteCount(buffer, time is null ? 0 : 1);
        if (time is { } value)
        {
            WriteTime(buffer, value);
        }
    }

    /// <summary>A map of strings: its count, then each name and value.</summary>
    public static void WriteStringMap(ArrayBufferWriter<byte> buffer, IReadOnlyDictionary<string, string> map)
    {
        WriteCount(buffer, map.Count);
        if (map is Dictionary<string, string> dictionary)
        {
            // The parsers' maps: enumerated without boxing an enumerator per map.
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

    /// <summary>A map that may be missing: 0 for none, else 1 and the map.</summary>
    public static void WriteOptionalStringMap(ArrayBufferWriter<byte> buffer, IReadOnlyDictionary<string, string>? map)
    {
        WriteCount(buffer, map is null ? 0 : 1);
        if (map is not null)
        {
            WriteStringMap(buffer, map);
        }
    }
}
