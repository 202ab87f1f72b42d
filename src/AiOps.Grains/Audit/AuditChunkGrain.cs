using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Audit;

/// <summary>A sealed chunk of an audit bucket: stored once by its bucket, then only read by queries.</summary>
public sealed class AuditChunkGrain(
    [PersistentState("audit-chunk", StorageNames.Durable)] IPersistentState<AuditChunkState> state) : Grain, IAuditChunkGrain
{
    public async Task StoreAsync(IReadOnlyList<AuditEvent> entries)
    {
        state.State.Entries = entries.ToList();
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter) =>
        Task.FromResult<IReadOnlyList<AuditEvent>>(Core.Audit.AuditShards.NewestFirst([state.State.Entries.Where(filter.Matches)], filter.Limit));
}

[GenerateSerializer, Alias("aiops.audit-chunk-state.v1")]
public sealed class AuditChunkState
{
    [Id(0)] public List<AuditEvent> Entries { get; set; } = [];
}
