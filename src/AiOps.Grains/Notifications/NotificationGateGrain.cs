using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Grains.Storage;

namespace AiOps.Grains.Notifications;

public sealed class NotificationGateGrain(
    [PersistentState("notification-gate", StorageNames.Durable)] IPersistentState<NotificationGateState> state,
    PolicyRuntime policy,
    TimeProvider clock) : Grain, INotificationGateGrain
{
    /// <summary>A storm that only moves its end forward is written at most this often; every pass re-observes it.</summary>
    private static readonly TimeSpan StormWriteStep = TimeSpan.FromMinutes(1);

    private DateTimeOffset _writtenStormUntil;

    // Rate-limit counts taken or given back since the last write. They are soft: written with the next storm or
    // digest change and on deactivation, not per send. A durable write per send made this one grain of the fleet
    // a write (and an fsync) on every notification attempt, 8,000 writes for 4,000 incidents on a channel without a
    // receiver; what a crash loses is at most one minute's count, so a channel may get up to twice its
    // rate_limit_per_min in the minute of a restart.
    private readonly SoftWrites<NotificationGateState> _writes = new(state);

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
            await _writes.WriteAsync();
            _writtenStormUntil = state.State.Gate.StormUntil;
        }

        return new GateView(state.State.Gate.StormUntil, state.State.KnownShards);
    }

    public Task<Admission> TakeRateAsync(string shipId, string channel)
    {
        var admission = NotificationGate.TakeRate(state.State.Gate, policy.For(shipId).Notify, channel, clock.GetUtcNow());
        _writes.Changed(admission == Admission.Send);
        return Task.FromResult(admission);
    }

    public Task GiveBackRateAsync(string channel, long minute)
    {
        _writes.Changed(NotificationGate.GiveBack(state.State.Gate, channel, minute));
        return Task.CompletedTask;
    }

    public async Task<bool> TryTakeDigestTurnAsync()
    {
        var now = clock.GetUtcNow();
        if (now - state.State.LastDigestAt < TimeSpan.FromMinutes(policy.Fleet.Notify.Channels.Email.DigestIntervalMin))
        {
            return false;
        }

        state.State.LastDigestAt = now;
        await _writes.WriteAsync();
        return true;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.OnDeactivateAsync(reason);
}

[GenerateSerializer, Alias("aiops.notification-gate-grain-state.v1")]
public sealed class NotificationGateState
{
    [Id(0)] public GateState Gate { get; set; } = new();
    [Id(1)] public int KnownShards { get; set; }
    [Id(2)] public DateTimeOffset LastDigestAt { get; set; }
}
