using System.Buffers.Binary;
using System.Text;

namespace AiOps.Core.Storage;

/// <summary>Reads <see cref="CompactWriter"/>'s primitives back in the order they were written; a truncated or corrupt record throws.</summary>
public ref struct CompactReader(ReadOnlySpan<byte> bytes, string what)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    /// <summary>Whether every byte was read: a record with bytes left over is not what its writer wrote.</summary>
    public readonly bool AtEnd => _position == _bytes.Length;

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

        throw new InvalidDataException($"a count in {what} is too long");
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

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public DateTimeOffset? OptionalTime() => Count() == 0 ? null : Time();

    /// <summary>A list written by <see cref="CompactWriter.Strings"/>; a null in it is refused.</summary>
    public List<string> Strings()
    {
        var count = Count();
        var values = new List<string>(Math.Min(count, _bytes.Length));
        for (var i = 0; i < count; i++)
        {
            values.Add(String() ?? throw new InvalidDataException($"{what} holds a null string"));
        }

        return values;
    }

    /// <summary>A map written by <see cref="CompactWriter.WriteStringMap"/>; a null name or value is refused.</summary>
    public Dictionary<string, string> StringMap()
    {
        var count = Count();
        var map = new Dictionary<string, string>(Math.Min(count, 1024), StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            map[String() ?? throw new InvalidDataException($"{what} holds a null name")] = String() ?? throw new InvalidDataException($"{what} holds a null value");
        }

        return map;
    }

    public Dictionary<string, string>? OptionalStringMap() => Count() == 0 ? null : StringMap();

    /// <summary>A field that holds one list written by <see cref="CompactWriter.Strings"/> and nothing after it.</summary>
    public static List<string> StringsField(ReadOnlySpan<byte> bytes, string what)
    {
        var reader = new CompactReader(bytes, what);
        var values = reader.Strings();
        return reader.AtEnd ? values : throw new InvalidDataException($"{what} with bytes after their end");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _bytes.Length - _position)
        {
            throw new InvalidDataException($"{what} ends early");
        }

        var taken = _bytes.Slice(_position, length);
        _position += length;
        return taken;
    }
}
