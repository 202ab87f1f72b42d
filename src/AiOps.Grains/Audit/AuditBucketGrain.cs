using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Audit;
using AiOps.Core.Policy;

namespace AiOps.Grains.Audit;

/// <summary>
/// One bucket of one day of the audit trail. Entries go into an open chunk that is written with each entry;
/// when it holds retention.yaml <c>audit.chunk_entries</c>, it is sealed into a chunk grain and starts empty,
/// so a write stores at most one chunk however long the day. The entry is stored before the caller hears so.
/// </summary>
public sealed class AuditBucketGrain(
    [PersistentState("audit-bucket", StorageNames.Durable)] IPersistentState<AuditBucketState> state,
    PolicyRuntime policy) : Grain, IAuditBucketGrain
{
    public async Task RecordAsync(AuditEvent entry)
    {
        try
        {
            if (!state.State.Registered)
            {
                await GrainFactory.GetGrain<IAuditDayGrain>(IAuditDayGrain.KeyOf(entry.Ts)).RegisterBucketAsync(this.GetPrimaryKeyString());
                state.State.Registered = true;
            }

            state.State.Open.Add(entry);
            if (state.State.Open.Count >= policy.Fleet.Retention.Audit.ChunkEntries)
            {
                // Seal first: if the bucket's own write then fails, the retry seals the same chunk index again
                // (replacing it), so no entry is lost or stored twice.
                var index = state.State.Sealed.Count;
                await GrainFactory.GetGrain<IAuditChunkGrain>(AuditShards.ChunkKey(this.GetPrimaryKeyString(), index)).StoreAsync(state.State.Open);
                state.State.Sealed.Add(new AuditChunkInfo(index, state.State.Open.Min(e => e.Ts), state.State.Open.Max(e => e.Ts)));
                state.State.Open = [];
            }

            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state may now be ahead of what is stored: start again from storage on the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The open chunk, then only the sealed chunks that may still hold one of the newest matches.</summary>
    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter)
    {
        var found = AuditShards.NewestFirst([state.State.Open.Where(filter.Matches)], filter.Limit);
        foreach (var chunk in state.State.Sealed.OrderByDescending(c => c.MaxTs))
        {
            if (found.Count >= filter.Limit && chunk.MaxTs < found[^1].Ts)
            {
                break; // every later chunk ends earlier still
            }

            if (chunk.MaxTs < filter.Since || chunk.MinTs > filter.Until)
            {
                continue;
            }

            var entries = await GrainFactory.GetGrain<IAuditChunkGrain>(AuditShards.ChunkKey(this.GetPrimaryKeyString(), chunk.Index)).QueryAsync(filter);
            found = AuditShards.NewestFirst([found, entries], filter.Limit);
        }

        return found;
    }
}

[GenerateSerializer, Alias("aiops.audit-bucket-state.v1")]
public sealed class AuditBucketState
{
    [Id(0)] public List<AuditEvent> Open { get; set; } = [];
    [Id(1)] public List<AuditChunkInfo> Sealed { get; set; } = [];

    /// <summary>Whether the day's index knows this bucket (told once, with the first entry).</summary>
    [Id(2)] public bool Registered { get; set; }
}
