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
    public static async Task<long?> ReadAsync(string path)
    {
        var header = new byte[Length];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false);
        var read = await file.ReadAtLeastAsync(header, Length, throwOnEndOfStream: false);
        return Has(header.AsSpan(0, read)) ? BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(Marker.Length)) : null;
    }
}
