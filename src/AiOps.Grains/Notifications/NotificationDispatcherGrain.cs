using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Grains.Notifications;

public sealed class NotificationDispatcherGrain(
    [PersistentState("notifications", StorageNames.Durable)] IPersistentState<DispatcherState> state,
    PolicyRuntime policy,
    TimeProvider clock) : Grain, INotificationDispatcherGrain
{
    public async Task TransitionAsync(string incidentId, string shipId)
    {
        state.State.PendingIncidents.Add(incidentId);
        NotificationGate.CountTransition(state.State.Gate, policy.For(shipId).Notify, clock.GetUtcNow());
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> PendingAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.PendingIncidents.ToList());

    public async Task DoneAsync(string incidentId)
    {
        if (state.State.PendingIncidents.Remove(incidentId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<Admission> AdmitAsync(string shipId, string channel, Severity severity)
    {
        var admission = NotificationGate.Admit(state.State.Gate, policy.For(shipId).Notify, channel, severity, clock.GetUtcNow());
        await state.WriteStateAsync();
        return admission;
    }

    public async Task AddToDigestAsync(OutboxEntry entry)
    {
        if (state.State.Digest.Count == 0)
        {
            state.State.DigestStartedAt = clock.GetUtcNow();
        }

        state.State.Digest.Add(entry);
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<OutboxEntry>> TakeDigestAsync()
    {
        var interval = TimeSpan.FromMinutes(policy.For("").Notify.Channels.Email.DigestIntervalMin);
        if (state.State.Digest.Count == 0 || clock.GetUtcNow() - state.State.DigestStartedAt < interval)
        {
            return [];
        }

        var taken = state.State.Digest.ToList();
        state.State.Digest.Clear();
        await state.WriteStateAsync();
        return taken;
    }
}

[GenerateSerializer, Alias("aiops.dispatcher-state.v1")]
public sealed class DispatcherState
{
    [Id(0)] public HashSet<string> PendingIncidents { get; set; } = [];
    [Id(1)] public GateState Gate { get; set; } = new();
    [Id(2)] public List<OutboxEntry> Digest { get; set; } = [];
    [Id(3)] public DateTimeOffset DigestStartedAt { get; set; }
}
