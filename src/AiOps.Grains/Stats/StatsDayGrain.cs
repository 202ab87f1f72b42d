using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Stats;

namespace AiOps.Grains.Stats;

/// <summary>Per-minute counters of one UTC day, persisted so that the counts survive a restart.</summary>
public sealed class StatsDayGrain(
    [PersistentState("stats", StorageNames.Durable)] IPersistentState<StatsDayState> state) : Grain, IStatsDayGrain
{
    public async Task AddAsync(IReadOnlyDictionary<int, StatsCounters> minutes)
    {
        foreach (var (minute, counters) in minutes)
        {
            if (!state.State.Minutes.TryGetValue(minute, out var into))
            {
                into = new StatsCounters();
                state.State.Minutes[minute] = into;
            }

            StatsMath.Add(into, counters);
        }

        await state.WriteStateAsync();
    }

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new StatsDayState();
        DeactivateOnIdle();
    }

    public Task<StatsCounters> SumAsync(int fromMinute, int toMinute)
    {
        var sum = new StatsCounters();
        foreach (var (minute, counters) in state.State.Minutes)
        {
            if (minute >= fromMinute && minute <= toMinute)
            {
                StatsMath.Add(sum, counters);
            }
        }

        return Task.FromResult(sum);
    }
}
