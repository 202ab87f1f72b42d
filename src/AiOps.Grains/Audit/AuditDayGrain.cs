using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Audit;

/// <summary>
/// One day of the audit trail. Audit entries are rare (people's actions and policy reloads), so a day fits in
/// one grain and one write per entry; the entry is stored before the caller hears it was recorded.
/// </summary>
public sealed class AuditDayGrain(
    [PersistentState("audit", StorageNames.Durable)] IPersistentState<AuditDayState> state) : Grain, IAuditDayGrain
{
    public async Task RecordAsync(AuditEvent entry)
    {
        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter)
    {
        IReadOnlyList<AuditEvent> found = state.State.Entries
            .Where(filter.Matches)
            .OrderByDescending(e => e.Ts)
            .Take(filter.Limit)
            .ToList();
        return Task.FromResult(found);
    }
}

[GenerateSerializer, Alias("aiops.audit-day-state.v1")]
public sealed class AuditDayState
{
    [Id(0)] public List<AuditEvent> Entries { get; set; } = [];
}
