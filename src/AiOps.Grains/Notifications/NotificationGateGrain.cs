using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Grains.Notifications;

public sealed class NotificationGateGrain(
    [PersistentState("notification-gate", StorageNames.Durable)] IPersistentState<NotificationGateState> state,
    PolicyRuntime policy,
    TimeProvider clock) : Grain, INotificationGateGrain
{
    /// <summary>A storm that only moves its end forward is written at most this often; every pass re-observes it.</summary>
    private static readonly TimeSpan StormWriteStep = TimeSpan.FromMinutes(1);

    private DateTimeOffset _writtenStormUntil;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writtenStormUntil = state.State.Gate.StormUntil;
        return Task.CompletedTask;
    }

    public async Task<GateView> ObserveAsync(IReadOnlyDictionary<long, int> transitionsPerMinute, int shards)
    {
        var now = clock.GetUtcNow();
        var began = !NotificationGate.InStorm(state.State.Gate, policy.Fleet.Notify, now);
        var moved = NotificationGate.ObserveStorm(state.State.Gate, policy.Fleet.Notify, transitionsPerMinute, now);
        var grown = shards > state.State.KnownShards;
        state.State.KnownShards = Math.Max(state.State.KnownShards, shards);
        if (grown || (moved && (began || state.State.Gate.StormUntil - _writtenStormUntil >= StormWriteStep)))
        {
            await state.WriteStateAsync();
            _writtenStormUntil = state.State.Gate.StormUntil;
        }

        return new GateView(state.State.Gate.StormUntil, state.State.KnownShards);
    }

    public async Task<Admission> TakeRateAsync(string shipId, string channel)
    {
        var admission = NotificationGate.TakeRate(state.State.Gate, policy.For(shipId).Notify, channel, clock.GetUtcNow());
        if (admission == Admission.Send)
        {
            await state.WriteStateAsync();
        }

        return admission;
    }

    public async Task GiveBackRateAsync(string channel, long minute)
    {
        if (NotificationGate.GiveBack(state.State.Gate, channel, minute))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> TryTakeDigestTurnAsync()
    {
        var now = clock.GetUtcNow();
        if (now - state.State.LastDigestAt < TimeSpan.FromMinutes(policy.Fleet.Notify.Channels.Email.DigestIntervalMin))
        {
            return false;
        }

        state.State.LastDigestAt = now;
        await state.WriteStateAsync();
        return true;
    }
}

[GenerateSerializer, Alias("aiops.notification-gate-grain-state.v1")]
public sealed class NotificationGateState
{
    [Id(0)] public GateState Gate { get; set; } = new();
    [Id(1)] public int KnownShards { get; set; }
    [Id(2)] public DateTimeOffset LastDigestAt { get; set; }
}
