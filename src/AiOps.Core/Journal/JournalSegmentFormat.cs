using System.Buffers.Binary;
using System.IO.Hashing;

namespace AiOps.Core.Journal;

/// <summary>
/// The bytes of a journal segment: a sequence of entries <c>[length u32][crc32 u32][lsn i64][payload]</c>, all
/// little-endian. The CRC covers the LSN and the payload, so a torn write at the end of a segment (a crash
/// during the write) is recognised and cut off rather than replayed as garbage.
/// </summary>
internal static class JournalSegmentFormat
{
    public const int HeaderBytes = 16;
    public const string Extension = ".wal";

    public static string FileName(long firstLsn) => firstLsn.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + Extension;

    public static long? FirstLsnOf(string path) =>
        long.TryParse(Path.GetFileNameWithoutExtension(path), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lsn) ? lsn : null;

    public static void WriteHeader(Span<byte> header, long lsn, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], lsn);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Checksum(header[8..16], payload));
    }

    /// <summary>Reads the valid entries of a segment in order, and the byte offset where valid data ends.</summary>
    public static (List<JournalEntry> Entries, long ValidLength) Read(string path, long afterLsn)
    {
        var entries = new List<JournalEntry>();
        var bytes = File.ReadAllBytes(path);
        long offset = 0;
        while (offset + HeaderBytes <= bytes.Length)
        {
            var header = bytes.AsSpan((int)offset, HeaderBytes);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length > int.MaxValue || offset + HeaderBytes + length > bytes.Length)
            {
                break;
            }

            var payload = bytes.AsMemory((int)offset + HeaderBytes, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != Checksum(header[8..16], payload.Span))
            {
                break;
            }

            var lsn = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
            if (lsn > afterLsn)
            {
                entries.Add(new JournalEntry(lsn, payload, null));
            }

            offset += HeaderBytes + length;
        }

        return (entries, offset);
    }

    private static uint Checksum(ReadOnlySpan<byte> lsn, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append(lsn);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }
}
