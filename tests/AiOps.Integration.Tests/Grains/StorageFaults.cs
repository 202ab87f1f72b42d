using System.Collections.Concurrent;
using Orleans.Storage;

namespace AiOps.Integration.Tests.Grains;

/// <summary>
/// A switch that makes the next writes of one kind of grain state fail, as a storage outage would, or makes the
/// writes of some grains slow, as a busy disk would; it counts the writes of each grain.
/// </summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private int _failWrites;
    private string? _stateName;
    private string? _failGrainKeyPart;
    private (string GrainKeyPart, TimeSpan Delay)? _slow;

    /// <summary>The next <paramref name="count"/> writes of <paramref name="stateName"/> fail (only of grains whose id contains <paramref name="grainKeyPart"/>, when given).</summary>
    public void FailNextWrites(string stateName, int count, string? grainKeyPart = null)
    {
        _stateName = stateName;
        _failGrainKeyPart = grainKeyPart;
        Volatile.Write(ref _failWrites, count);
    }

    /// <summary>Writes of grains whose id contains <paramref name="grainKeyPart"/> take <paramref name="delay"/> until the result is disposed.</summary>
    public IDisposable SlowWrites(string grainKeyPart, TimeSpan delay)
    {
        _slow = (grainKeyPart, delay);
        return new Undo(() => _slow = null);
    }

    /// <summary>How many writes of <paramref name="stateName"/> grains whose id contains <paramref name="grainKeyPart"/> succeeded.</summary>
    public int WritesOf(string stateName, string grainKeyPart) =>
        _writes.Where(pair => pair.Key.StartsWith(stateName + "|", StringComparison.Ordinal) && pair.Key.Contains(grainKeyPart, StringComparison.Ordinal))
            .Sum(pair => pair.Value);

    public bool ShouldFail(string stateName, GrainId grainId) =>
        stateName == _stateName
        && (_failGrainKeyPart is null || grainId.ToString().Contains(_failGrainKeyPart, StringComparison.Ordinal))
        && Interlocked.Decrement(ref _failWrites) >= 0;

    public TimeSpan DelayOf(GrainId grainId) =>
        _slow is { } slow && grainId.ToString().Contains(slow.GrainKeyPart, StringComparison.Ordinal) ? slow.Delay : TimeSpan.Zero;

    public void Written(string stateName, GrainId grainId) => _writes.AddOrUpdate($"{stateName}|{grainId}", 1, (_, n) => n + 1);

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

/// <summary>Grain storage that passes everything to another one unless <see cref="StorageFaults"/> says to fail or wait.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.ShouldFail(stateName, grainId))
        {
            throw new IOException($"injected write failure for {stateName} of {grainId}");
        }

        if (faults.DelayOf(grainId) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        faults.Written(stateName, grainId);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
