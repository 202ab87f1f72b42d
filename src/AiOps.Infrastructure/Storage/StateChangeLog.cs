using System.Buffers.Binary;
using System.IO.Hashing;

namespace AiOps.Infrastructure.Storage;

/// <summary>
/// The log beside a state file (<c>*.bin.log</c>): records of <c>[payload length][CRC-32][version][payload]</c>
/// (little-endian), each one write, numbered on from the snapshot's version. A record holds either the changes of
/// a state that tells them (<see cref="AiOps.Core.Storage.IIncrementalState"/>) or the whole state, marked by a
/// bit of the version field. The CRC covers the version and the payload, so a record torn by a crash mid-append is
/// recognised and ignored, with all after it.
/// </summary>
internal static class StateChangeLog
{
    public const int HeaderLength = 16;

    // Versions count writes and never come near this bit; records written before whole-state records existed
    // have it clear, so they read as changes, which is what they are.
    private const long WholeStateBit = 1L << 62;

    public static byte[] Record(long version, ReadOnlySpan<byte> payload, bool wholeState = false)
    {
        var record = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), wholeState ? version | WholeStateBit : version);
        payload.CopyTo(record.AsSpan(HeaderLength));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(record.AsSpan(8)));
        return record;
    }

    /// <summary>The whole records at the front of <paramref name="log"/>, in order, each with the offset just past it.</summary>
    public static IEnumerable<LogRecord> Read(ReadOnlyMemory<byte> log)
    {
        var offset = 0;
        while (log.Length - offset >= HeaderLength)
        {
            var header = log.Span.Slice(offset, HeaderLength);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length < 0 || length > log.Length - offset - HeaderLength)
            {
                yield break;
            }

            var covered = log.Slice(offset + 8, 8 + length);
            if (Crc32.HashToUInt32(covered.Span) != BinaryPrimitives.ReadUInt32LittleEndian(header[4..]))
            {
                yield break;
            }

            offset += HeaderLength + length;
            var version = BinaryPrimitives.ReadInt64LittleEndian(covered.Span);
            yield return new LogRecord(version & ~WholeStateBit, (version & WholeStateBit) != 0, covered[8..], offset);
        }
    }
}

/// <summary>One record of a state's log: its version, whether it holds the whole state, and where it ends.</summary>
internal readonly record struct LogRecord(long Version, bool WholeState, ReadOnlyMemory<byte> Payload, long End);
