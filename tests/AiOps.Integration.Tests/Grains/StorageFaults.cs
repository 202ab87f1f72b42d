using Orleans.Storage;

namespace AiOps.Integration.Tests.Grains;

/// <summary>A switch that makes the next writes of one kind of grain state fail, as a storage outage would.</summary>
public sealed class StorageFaults
{
    private int _failWrites;
    private string? _stateName;

    public void FailNextWrites(string stateName, int count)
    {
        _stateName = stateName;
        Volatile.Write(ref _failWrites, count);
    }

    public bool ShouldFail(string stateName) =>
        stateName == _stateName && Interlocked.Decrement(ref _failWrites) >= 0;
}

/// <summary>Grain storage that passes everything to another one unless <see cref="StorageFaults"/> says to fail.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.ShouldFail(stateName)
            ? Task.FromException(new IOException($"injected write failure for {stateName} of {grainId}"))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
