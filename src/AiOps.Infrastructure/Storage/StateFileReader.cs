using AiOps.Core.Storage;
using Orleans.Serialization;

namespace AiOps.Infrastructure.Storage;

/// <summary>
/// Reads a grain's state files: the snapshot (<c>*.bin</c>), then the records of its log (<c>*.bin.log</c>) that
/// continue it, version after version. A record at or below the snapshot's version is one a crash left behind
/// after the snapshot that holds it was written, and is skipped; a gap ends the chain.
/// </summary>
internal static class StateFileReader
{
    /// <summary>The stored state with its log applied, and the files' extent; null when there is no state.</summary>
    public static async Task<(StoredState<T> Stored, StateFiles Files)?> ReadAsync<T>(Serializer serializer, string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return null; // a log without its snapshot is what a crash in the middle of a clear leaves: no state
        }

        var snapshot = await File.ReadAllBytesAsync(path, cancellationToken);
        var stored = Decode<T>(serializer, snapshot);
        var chain = Follow(await ReadLogAsync(path, cancellationToken), stored.Version);
        var state = Apply(serializer, stored.State, chain.Records);
        return (new StoredState<T>(chain.Version, state), new StateFiles(chain.Version, chain.End, snapshot.Length));
    }

    /// <summary>The files' version and extent, reading only the snapshot's header where it has one; null when there is no state.</summary>
    public static async Task<StateFiles?> ReadExtentAsync<T>(Serializer serializer, string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var version = VersionHeader.Read(path) ?? Decode<T>(serializer, await File.ReadAllBytesAsync(path)).Version;
        var chain = Follow(await ReadLogAsync(path, CancellationToken.None), version);
        return new StateFiles(chain.Version, chain.End, new FileInfo(path).Length);
    }

    /// <summary>A state file's contents, with or without the version header (files written before it existed).</summary>
    public static StoredState<T> Decode<T>(Serializer serializer, byte[] bytes) =>
        serializer.Deserialize<StoredState<T>>(VersionHeader.Has(bytes) ? bytes.AsMemory(VersionHeader.Length) : bytes)!;

    public static string LogOf(string path) => path + ".log";

    private static async Task<byte[]> ReadLogAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(LogOf(path), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>The records that continue <paramref name="version"/>, the version they reach, and where the last whole record ends.</summary>
    private static (List<LogRecord> Records, long Version, long End) Follow(ReadOnlyMemory<byte> log, long version)
    {
        var records = new List<LogRecord>();
        var end = 0L;
        foreach (var record in StateChangeLog.Read(log))
        {
            if (record.Version > version + 1)
            {
                break; // not a continuation of this snapshot
            }

            if (record.Version == version + 1)
            {
                records.Add(record);
                version = record.Version;
            }

            end = record.End;
        }

        return (records, version, end);
    }

    /// <summary>The state after the records: from the last whole state among them, then the changes after it.</summary>
    private static T Apply<T>(Serializer serializer, T state, List<LogRecord> records)
    {
        var from = records.FindLastIndex(record => record.WholeState);
        if (from >= 0)
        {
            state = serializer.Deserialize<T>(records[from].Payload)!;
        }

        foreach (var record in records.Skip(from + 1))
        {
            if (state is not IIncrementalState incremental)
            {
                throw new InvalidDataException($"the log of {typeof(T).Name} holds changes, but the state does not take changes");
            }

            incremental.ApplyChanges(serializer.Deserialize<object>(record.Payload)!);
        }

        return state;
    }
}
