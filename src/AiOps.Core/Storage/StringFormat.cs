using System.Buffers;

namespace AiOps.Core.Storage;

/// <summary>A non-null string value of a stored map.</summary>
public readonly struct StringFormat : ICompactFormat<string>
{
    public static void Write(ArrayBufferWriter<byte> buffer, string value) => CompactWriter.WriteString(buffer, value);

    public static string Read(ref CompactReader reader) => reader.String() ?? throw new InvalidDataException("a stored map with a null value");
}
