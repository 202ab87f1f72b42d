using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Audit;

/// <summary>
/// The index of one day of the audit trail: the buckets that hold entries, each registered once. Written a
/// handful of times a day (once per bucket), whatever the number of entries.
/// </summary>
public sealed class AuditDayGrain(
    [PersistentState("audit", StorageNames.Durable)] IPersistentState<AuditDayState> state) : Grain, IAuditDayGrain
{
    public async Task RegisterBucketAsync(string bucketKey)
    {
        if (state.State.Buckets.Add(bucketKey))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> BucketsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Buckets.Order(StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter) =>
        Task.FromResult<IReadOnlyList<AuditEvent>>(Core.Audit.AuditShards.NewestFirst([state.State.Entries.Where(filter.Matches)], filter.Limit));
}

[GenerateSerializer, Alias("aiops.audit-day-state.v1")]
public sealed class AuditDayState
{
    /// <summary>Entries recorded before the trail was sharded into buckets; read, never added to.</summary>
    [Id(0)] public List<AuditEvent> Entries { get; set; } = [];

    [Id(1)] public HashSet<string> Buckets { get; set; } = [];
}
