using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Core.Policy;
using AiOps.Core.Silences;

namespace AiOps.Grains.Silences;

/// <summary>
/// The fleet's silences, persisted in the durable store (local data directory on one box, Redis in a cluster).
/// Only people and each silo's periodic refresh call it, never the Fast Path per event.
/// </summary>
public sealed class SilenceRegistryGrain(
    [PersistentState("silences", StorageNames.Durable)] IPersistentState<SilenceRegistryState> state,
    PolicyRuntime policy,
    TimeProvider clock) : Grain, ISilenceRegistryGrain
{
    private SilenceSettings Settings => policy.Fleet.Correlate.Silences;

    public async Task<(Silence? Created, string? Problem)> CreateAsync(Silence silence)
    {
        var now = clock.GetUtcNow();
        DropOld(now);
        if (state.State.Silences.Count >= Settings.MaxSilences)
        {
            return (null, $"{state.State.Silences.Count} silences are kept already, the most correlate.yaml silences.max_silences allows; expire some first");
        }

        var stored = silence with { SilenceId = $"sil-{Guid.NewGuid():N}", CreatedAt = now, UpdatedAt = now, MatchedCount = 0, State = "" };
        state.State.Silences[stored.SilenceId] = stored;
        state.State.Version++;
        await state.WriteStateAsync();
        return (WithState(stored, now), null);
    }

    public async Task<Silence?> ExpireAsync(string silenceId, string actor)
    {
        if (!state.State.Silences.TryGetValue(silenceId, out var silence))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (SilenceStates.At(silence, now) != SilenceStates.Expired)
        {
            silence = SilenceStates.Expire(silence, now, actor);
            state.State.Silences[silenceId] = silence;
            state.State.Version++;
            await state.WriteStateAsync();
        }

        return WithState(silence, now);
    }

    public Task<Silence?> GetAsync(string silenceId)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(state.State.Silences.TryGetValue(silenceId, out var silence) ? WithState(silence, now) : null);
    }

    public async Task<IReadOnlyList<Silence>> ListAsync()
    {
        var now = clock.GetUtcNow();
        if (DropOld(now))
        {
            await state.WriteStateAsync();
        }

        return state.State.Silences.Values.OrderByDescending(s => s.CreatedAt).Select(s => WithState(s, now)).ToList();
    }

    public Task<(long Version, IReadOnlyList<Silence>? Silences)> SnapshotAsync(long knownVersion) =>
        Task.FromResult<(long, IReadOnlyList<Silence>?)>(knownVersion == state.State.Version
            ? (knownVersion, null)
            : (state.State.Version, state.State.Silences.Values.ToList()));

    public async Task AddMatchesAsync(IReadOnlyDictionary<string, long> matchedBySilence)
    {
        var changed = false;
        foreach (var (id, count) in matchedBySilence)
        {
            if (count > 0 && state.State.Silences.TryGetValue(id, out var silence))
            {
                state.State.Silences[id] = silence with { MatchedCount = silence.MatchedCount + count };
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    private static Silence WithState(Silence silence, DateTimeOffset now) => silence with { State = SilenceStates.At(silence, now) };

    /// <summary>Forgets silences expired longer than the retention; true when any went.</summary>
    private bool DropOld(DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromDays(Settings.RetentionDays);
        var old = state.State.Silences.Values.Where(s => s.EndsAt < cutoff).Select(s => s.SilenceId).ToList();
        foreach (var id in old)
        {
            state.State.Silences.Remove(id);
        }

        if (old.Count > 0)
        {
            state.State.Version++;
        }

        return old.Count > 0;
    }
}
