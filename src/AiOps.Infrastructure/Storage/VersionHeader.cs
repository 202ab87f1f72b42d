using System.Buffers.Binary;

namespace AiOps.Infrastructure.Storage;

/// <summary>The 16 bytes in front of a state file: a marker and the state's write counter (little-endian).</summary>
internal static class VersionHeader
{
    public const int Length = 16;

    private static ReadOnlySpan<byte> Marker => "AIOPSGS1"u8;

    public static byte[] Of(long version)
    {
        var header = new byte[Length];
        Marker.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(Marker.Length), version);
        return header;
    }

    public static bool Has(ReadOnlySpan<byte> bytes) => bytes.Length >= Length && bytes.StartsWith(Marker);

    /// <summary>The version in the file's header, or null when the file predates headers.</summary>
    public static long? Read(string path)
    {
        // 16 bytes from the page cache: a plain read costs less than an asynchronous one's hand-offs, and the
        // check runs before every state write.
        Span<byte> header = stackalloc byte[Length];
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var read = RandomAccess.Read(file, header, 0);
        return Has(header[..read]) ? BinaryPrimitives.ReadInt64LittleEndian(header[Marker.Length..]) : null;
    }
}
