using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using AiOps.Core.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Infrastructure.Storage;

/// <summary>
/// Durable grain state in a local data directory, for a ship's single box: one file per grain, written to a
/// temporary file, flushed to disk and renamed over the old one, so a power cut leaves the old or the new
/// state, never half of one. The ETag is a write counter that guards against lost updates; it is kept in a
/// small header in front of the state, so checking it before a write reads 16 bytes, not the whole state
/// (files written before the header existed are still read, and get one on their next write).
/// </summary>
/// <remarks>
/// A state that tells its changes (<see cref="IIncrementalState"/>) is written in proportion to them: each write
/// appends its changes to a log beside the snapshot (<see cref="StateChangeLog"/>), flushed to disk, and reading
/// replays the log on the snapshot. Once the log outgrows the snapshot, the next write is a new snapshot and the
/// log starts again, so a read costs at most about twice the state. Only a state object in step with the files
/// appends (the one read or last written here); any other is written whole.
/// <para>
/// With <paramref name="flushToDisk"/> false (<c>ingest.yaml durability.flush_to_disk: false</c>, where the journal
/// does not flush either) writes reach the operating system, not the disk: they survive a killed process, not a
/// power cut, as the journal then does, and no write waits for the disk.
/// </para>
/// </remarks>
public sealed class FileGrainStorage(string root, Serializer serializer, bool flushToDisk = true) : IGrainStorage
{
    // Small states append too (one write and flush, where a snapshot also creates and renames a file), up to this.
    private const long MinimumLogBytes = 256 * 1024;

    // The files of incremental states as this process last read or wrote them, so that neither the ETag check nor
    // an append reads the disk first. One box, one process: nothing else writes them.
    private readonly ConcurrentDictionary<string, StateFiles> _files = new(StringComparer.Ordinal);

    // The version each incremental state object was read or last written at: whether its changes are the files'.
    private readonly ConditionalWeakTable<IIncrementalState, StrongBox<long>> _inStep = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        _files.TryRemove(path, out _);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var snapshot = await File.ReadAllBytesAsync(path);
        var stored = Decode<T>(serializer, snapshot);
        var version = stored.Version;
        if (stored.State is IIncrementalState incremental)
        {
            var files = await ReplayLogAsync(path, incremental, new StateFiles(version, 0, snapshot.Length));
            version = files.Version;
            incremental.ChangesSaved();
            _inStep.AddOrUpdate(incremental, new StrongBox<long>(version));
            _files[path] = files;
        }

        grainState.State = stored.State;
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>A state file's contents, with or without the version header (files written before it existed).</summary>
    public static StoredState<T> Decode<T>(Serializer serializer, byte[] bytes) =>
        serializer.Deserialize<StoredState<T>>(VersionHeader.Has(bytes) ? bytes.AsMemory(VersionHeader.Length) : bytes)!;

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var current = await CheckETagAsync<T>(path, grainState.ETag);
        var version = (current?.Version ?? 0) + 1;
        var incremental = grainState.State as IIncrementalState;
        try
        {
            if (incremental is not null && current is not null && InStepAt(incremental) == current.Version
                && current.LogLength < Math.Max(current.SnapshotLength, MinimumLogBytes)
                && incremental.TakeChanges() is { } changes)
            {
                var record = StateChangeLog.Record(version, serializer.SerializeToArray<object>(changes));
                await AppendAsync(LogOf(path), current.LogLength, record);
                _files[path] = current with { Version = version, LogLength = current.LogLength + record.Length };
            }
            else
            {
                // A log beside no snapshot is what a crash in the middle of a clear leaves: it goes before the first
                // snapshot, after which its records could pass for the new state's. A log beside a snapshot goes
                // after the new one, which holds all it held (records at or below the snapshot's version are skipped
                // on reading, so a crash before the delete changes nothing).
                if (incremental is not null && current is null && File.Exists(LogOf(path)))
                {
                    File.Delete(LogOf(path));
                }

                var length = await WriteSnapshotAsync(path, version, grainState.State!);
                if (incremental is not null)
                {
                    if (current is { LogLength: > 0 })
                    {
                        File.Delete(LogOf(path));
                    }

                    _files[path] = new StateFiles(version, 0, length);
                }
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

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await CheckETagAsync<T>(path, grainState.ETag);
        _files.TryRemove(path, out _);
        // The snapshot first: a crash in between leaves a log without a snapshot, which reads as no state and is
        // deleted before the next first snapshot (see WriteStateAsync).
        File.Delete(path);
        File.Delete(LogOf(path));
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private long? InStepAt(IIncrementalState state) => _inStep.TryGetValue(state, out var version) ? version.Value : null;

    /// <summary>The files' version and extent, or null when there is no state; refuses a write based on another version.</summary>
    private async Task<StateFiles?> CheckETagAsync<T>(string path, string? expected)
    {
        var files = _files.TryGetValue(path, out var known) ? known : await ReadFilesAsync<T>(path);
        if (files is null)
        {
            return expected is null ? null : throw new InconsistentStateException($"state at {path} was deleted by someone else", "", expected);
        }

        var actual = files.Version.ToString(CultureInfo.InvariantCulture);
        return actual == expected ? files : throw new InconsistentStateException($"state at {path} changed underneath this grain", actual, expected ?? "");
    }

    private async Task<StateFiles?> ReadFilesAsync<T>(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var version = VersionHeader.Read(path) ?? serializer.Deserialize<StoredState<T>>(await File.ReadAllBytesAsync(path))!.Version;
        var files = new StateFiles(version, 0, new FileInfo(path).Length);
        if (!typeof(IIncrementalState).IsAssignableFrom(typeof(T)))
        {
            return files;
        }

        files = await ReplayLogAsync(path, null, files);
        _files[path] = files;
        return files;
    }

    /// <summary>
    /// Applies the log's records that follow the snapshot, in order, to <paramref name="state"/> (when given), and
    /// says the version reached and where the last whole record ends: a torn record is cut off by the next append.
    /// </summary>
    private async Task<StateFiles> ReplayLogAsync(string path, IIncrementalState? state, StateFiles snapshot)
    {
        var log = LogOf(path);
        if (!File.Exists(log))
        {
            return snapshot;
        }

        var version = snapshot.Version;
        var end = 0L;
        foreach (var record in StateChangeLog.Read(await File.ReadAllBytesAsync(log)))
        {
            if (record.Version > version + 1)
            {
                break; // not a continuation of this snapshot
            }

            if (record.Version == version + 1)
            {
                state?.ApplyChanges(serializer.Deserialize<object>(record.Payload)!);
                version = record.Version;
            }

            end = record.End;
        }

        return snapshot with { Version = version, LogLength = end };
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

    private static string LogOf(string path) => path + ".log";

    private string PathOf(string stateName, GrainId grainId)
    {
        var key = grainId.Key.ToString();
        var fileName = key.Length <= 150 ? Uri.EscapeDataString(key) : $"{Uri.EscapeDataString(key[..100])}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))}";
        return Path.Combine(root, stateName, Uri.EscapeDataString(grainId.Type.ToString()!), fileName + ".bin");
    }
}
