using static AiOps.Core.Storage.CompactWriter;

namespace AiOps.Core.Storage;

/// <summary>
/// A large map of a grain state (its entries, or the entries set and keys removed by one write) in the compact format,
/// for a state field of bytes: the Orleans serializer tracked every key, value and string of such a map for reference
/// equality, and a service's snapshot with its 10,000 firing alerts grew that table into the large object heap on
/// every write (about 7% of the host's CPU in an alert storm).
/// </summary>
/// <remarks>
/// Layout: a format version (1), the count of entries set, each key and value, the count of keys removed, each key.
/// What <see cref="Write{TValue,TFormat}"/> returns is this thread's reused buffer (<see cref="CompactWriter.Start"/>).
/// </remarks>
public static class CompactMap
{
    private const int Version = 1;

    public static ReadOnlyMemory<byte> Write<TValue, TFormat>(IReadOnlyDictionary<string, TValue> set, IReadOnlyCollection<string> removed)
        where TFormat : ICompactFormat<TValue>
    {
        var buffer = Start();
        WriteCount(buffer, Version);
        WriteCount(buffer, set.Count);
        foreach (var (key, value) in set)
        {
            WriteString(buffer, key);
            TFormat.Write(buffer, value);
        }

        WriteCount(buffer, removed.Count);
        foreach (var key in removed)
        {
            WriteString(buffer, key);
        }

        return buffer.WrittenMemory;
    }

    public static MapChanges<TValue> Read<TValue, TFormat>(ReadOnlySpan<byte> bytes)
        where TFormat : ICompactFormat<TValue>
    {
        var reader = new CompactReader(bytes, "a stored map");
        if (reader.Count() != Version)
        {
            throw new InvalidDataException("a stored map of an unknown format version");
        }

        var changes = new MapChanges<TValue>();
        var count = reader.Count();
        changes.Set.EnsureCapacity(Math.Min(count, bytes.Length));
        for (var i = 0; i < count; i++)
        {
            var key = reader.String() ?? throw new InvalidDataException("a stored map with a null key");
            changes.Set[key] = TFormat.Read(ref reader);
        }

        var removed = reader.Count();
        for (var i = 0; i < removed; i++)
        {
            changes.Removed.Add(reader.String() ?? throw new InvalidDataException("a stored map with a null key"));
        }

        return reader.AtEnd ? changes : throw new InvalidDataException("a stored map with bytes after its end");
    }
}
