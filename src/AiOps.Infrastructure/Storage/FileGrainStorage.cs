using System.Globalization;
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
public sealed class FileGrainStorage(string root, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var stored = Decode<T>(serializer, await File.ReadAllBytesAsync(path));
        grainState.State = stored.State;
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>A state file's contents, with or without the version header (files written before it existed).</summary>
    public static StoredState<T> Decode<T>(Serializer serializer, byte[] bytes) =>
        serializer.Deserialize<StoredState<T>>(VersionHeader.Has(bytes) ? bytes.AsMemory(VersionHeader.Length) : bytes)!;

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var version = await CheckETagAsync<T>(path, grainState.ETag) + 1;
        var bytes = serializer.SerializeToArray(new StoredState<T>(version, grainState.State!));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await file.WriteAsync(VersionHeader.Of(version));
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await CheckETagAsync<T>(path, grainState.ETag);
        File.Delete(path);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<long> CheckETagAsync<T>(string path, string? expected)
    {
        if (!File.Exists(path))
        {
            return expected is null ? 0 : throw new InconsistentStateException($"state at {path} was deleted by someone else", "", expected);
        }

        var version = VersionHeader.Read(path) ?? serializer.Deserialize<StoredState<T>>(await File.ReadAllBytesAsync(path))!.Version;
        var actual = version.ToString(CultureInfo.InvariantCulture);
        return actual == expected ? version : throw new InconsistentStateException($"state at {path} changed underneath this grain", actual, expected ?? "");
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var key = grainId.Key.ToString();
        var fileName = key.Length <= 150 ? Uri.EscapeDataString(key) : $"{Uri.EscapeDataString(key[..100])}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))}";
        return Path.Combine(root, stateName, Uri.EscapeDataString(grainId.Type.ToString()!), fileName + ".bin");
    }
}
