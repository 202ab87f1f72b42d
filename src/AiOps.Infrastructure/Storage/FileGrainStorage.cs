using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using AiOps.Core.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Infrastructure.Storage;

/// <summary>
/// Durable grain state in a local data directory, for a ship's single box: a snapshot per grain, written to a
/// temporary file, flushed to disk and renamed over the old one, so a power cut leaves the old or the new state,
/// never half of one, and a log beside it that most writes append to. The ETag is a write counter that guards
/// against lost updates; it is kept in a small header in front of the snapshot and in each log record (files
/// written before the header existed are still read, and get one on their next snapshot).
/// </summary>
/// <remarks>
/// A write appends one record to the log (<see cref="StateChangeLog"/>), flushed to disk: the changes of a state
/// that tells them (<see cref="IIncrementalState"/>), so a small change to a large state writes the change, or else
/// the whole state, which spares the small states (incidents, most of what is written) a new file and a rename per
/// write: the kernel's share of those was the largest single cost of a host opening thousands of incidents. Reading
/// replays the log on the snapshot (<see cref="StateFileReader"/>). Once the log outgrows the snapshot (and a
/// floor), the next write is a new snapshot and the log starts again, so a read costs at most about twice the
/// state, and the disk holds at most a few pages more per grain. Only a state object in step with the files appends
/// its changes (the one read or last written here); any other incremental state is written as a snapshot.
/// <para>
/// With <paramref name="flushToDisk"/> false (<c>ingest.yaml durability.flush_to_disk: false</c>, where the journal
/// does not flush either) writes reach the operating system, not the disk: they survive a killed process, not a
/// power cut, as the journal then does, and no write waits for the disk.
/// </para>
/// </remarks>
public sealed class FileGrainStorage(string root, Serializer serializer, bool flushToDisk = true) : IGrainStorage
{
    // The log of changes grows to this before a snapshot even for a small state: changes are small, and the states
    // that tell them are few and large (one per ship and rule or service).
    private const long MinimumChangeLogBytes = 256 * 1024;

    // The log of whole states grows to this before a snapshot even for a small state: a few writes of an incident
    // per snapshot, while a grain's files stay within a few pages on disk (there can be 100,000 incidents).
    private const long MinimumWholeStateLogBytes = 8 * 1024;

    // The files as this process last read or wrote them, so that neither the ETag check nor an append reads the
    // disk first. One box, one process: nothing else writes them.
    private readonly ConcurrentDictionary<string, StateFiles> _files = new(StringComparer.Ordinal);

    // The version each incremental state object was read or last written at: whether its changes are the files'.
    private readonly ConditionalWeakTable<IIncrementalState, StrongBox<long>> _inStep = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        _files.TryRemove(path, out _);
        if (await StateFileReader.ReadAsync<T>(serializer, path) is not var (stored, files))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        if (stored.State is IIncrementalState incremental)
        {
            incremental.ChangesSaved();
            _inStep.AddOrUpdate(incremental, new StrongBox<long>(files.Version));
        }

        _files[path] = files;
        grainState.State = stored.State;
        grainState.ETag = files.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>A state file's contents, with or without the version header (files written before it existed).</summary>
    public static StoredState<T> Decode<T>(Serializer serializer, byte[] bytes) => StateFileReader.Decode<T>(serializer, bytes);

    /// <summary>The state stored in the snapshot at <paramref name="path"/> with its log applied, or null when there is none.</summary>
    public static async Task<StoredState<T>?> ReadFileAsync<T>(Serializer serializer, string path, CancellationToken cancellationToken) =>
        (await StateFileReader.ReadAsync<T>(serializer, path, cancellationToken))?.Stored;

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var current = await CheckETagAsync<T>(path, grainState.ETag);
        var version = (current?.Version ?? 0) + 1;
        var incremental = grainState.State as IIncrementalState;
        try
        {
            if (current is not null && RecordOf(current, version, grainState.State, incremental) is { } record)
            {
                await AppendAsync(StateFileReader.LogOf(path), current.LogLength, record);
                _files[path] = current with { Version = version, LogLength = current.LogLength + record.Length };
            }
            else
            {
                // A log beside no snapshot is what a crash in the middle of a clear leaves: it goes before the first
                // snapshot, after which its records could pass for the new state's. A log beside a snapshot goes
                // after the new one, which holds all it held (records at or below the snapshot's version are skipped
                // on reading, so a crash before the delete changes nothing).
                var log = StateFileReader.LogOf(path);
                if (current is null && File.Exists(log))
                {
                    File.Delete(log);
                }

                var length = await WriteSnapshotAsync(path, version, grainState.State!);
                if (current is { LogLength: > 0 })
                {
                    File.Delete(log);
                }

                _files[path] = new StateFiles(version, 0, length);
            }
        }
        catch
        {
            // What reached the disk is unknown: the next check reads it afresh.
            _files.TryRemove(path, out _);
            throw;
        }

        if (incremental is not null)
        {
            incremental.ChangesSaved();
            _inStep.AddOrUpdate(incremental, new StrongBox<long>(version));
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>The log record this write appends, or null when it writes a snapshot instead.</summary>
    private byte[]? RecordOf<T>(StateFiles current, long version, T state, IIncrementalState? incremental)
    {
        if (incremental is null)
        {
            return current.LogLength < Math.Max(current.SnapshotLength, MinimumWholeStateLogBytes)
                ? StateChangeLog.Record(version, serializer.SerializeToArray(state), wholeState: true)
                : null;
        }

        return InStepAt(incremental) == current.Version
            && current.LogLength < Math.Max(current.SnapshotLength, MinimumChangeLogBytes)
            && incremental.TakeChanges() is { } changes
                ? StateChangeLog.Record(version, serializer.SerializeToArray<object>(changes))
                : null;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await CheckETagAsync<T>(path, grainState.ETag);
        _files.TryRemove(path, out _);
        // The snapshot first: a crash in between leaves a log without a snapshot, which reads as no state and is
        // deleted before the next first snapshot (see WriteStateAsync).
        File.Delete(path);
        File.Delete(StateFileReader.LogOf(path));
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private long? InStepAt(IIncrementalState state) => _inStep.TryGetValue(state, out var version) ? version.Value : null;

    /// <summary>The files' version and extent, or null when there is no state; refuses a write based on another version.</summary>
    private async Task<StateFiles?> CheckETagAsync<T>(string path, string? expected)
    {
        var files = _files.TryGetValue(path, out var known) ? known : await StateFileReader.ReadExtentAsync<T>(serializer, path);
        if (files is null)
        {
            return expected is null ? null : throw new InconsistentStateException($"state at {path} was deleted by someone else", "", expected);
        }

        _files[path] = files;
        var actual = files.Version.ToString(CultureInfo.InvariantCulture);
        return actual == expected ? files : throw new InconsistentStateException($"state at {path} changed underneath this grain", actual, expected ?? "");
    }

    private async Task AppendAsync(string log, long at, byte[] record)
    {
        await using var file = new FileStream(log, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, useAsync: true);
        if (file.Length != at)
        {
            file.SetLength(at); // the torn end of a write that failed or was cut by a crash
        }

        file.Position = at;
        await file.WriteAsync(record);
        file.Flush(flushToDisk);
    }

    private async Task<long> WriteSnapshotAsync<T>(string path, long version, T state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        long length;
        try
        {
            await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await file.WriteAsync(VersionHeader.Of(version));
            // Serialised straight into the file in pooled chunks: a whole array per snapshot of a large state
            // landed on the large object heap on every write, and its collections were gen2 ones.
            serializer.Serialize(new StoredState<T>(version, state), file);
            file.Flush(flushToDisk);
            length = file.Length;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, path, overwrite: true);
        return length;
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var key = grainId.Key.ToString();
        var fileName = key.Length <= 150 ? Uri.EscapeDataString(key) : $"{Uri.EscapeDataString(key[..100])}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))}";
        return Path.Combine(root, stateName, Uri.EscapeDataString(grainId.Type.ToString()!), fileName + ".bin");
    }
}
