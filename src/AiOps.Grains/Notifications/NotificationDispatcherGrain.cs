using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Grains.Storage;

namespace AiOps.Grains.Notifications;

public sealed class NotificationDispatcherGrain(
    [PersistentState("notifications", StorageNames.Durable)] IPersistentState<DispatcherState> state,
    PolicyRuntime policy,
    NotificationMetrics metrics,
    TimeProvider clock) : Grain, INotificationDispatcherGrain
{
    private readonly SoftWrites<DispatcherState> _writes = new(state);

    // When each pending incident last had a transition, for the pump (see DispatchShardView.LastTransitionAt). Not
    // stored: after a restart the pump's own memory is empty too, and it looks at every pending incident once.
    private readonly Dictionary<string, DateTimeOffset> _lastTransitionAt = new(StringComparer.Ordinal);

    public async Task TransitionAsync(string incidentId, string shipId)
    {
        var now = clock.GetUtcNow();
        NotificationGate.Tally(state.State.Gate.TransitionsPerMinute, policy.Fleet.Notify, now);
        _writes.Changed();
        _lastTransitionAt[incidentId] = now;

        // Only a newly pending incident must be stored before the incident writes its outbox; a transition of an
        // incident already pending changes just the counts, which are soft (storm detection) and ride along with
        // the next write or the deactivation.
        if (state.State.AddPending(incidentId))
        {
            await _writes.WriteAsync();
        }
    }

    public Task<DispatchShardView> PollAsync()
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = policy.Fleet.Notify.StormDetection.WindowMin;
        var counts = state.State.Gate.TransitionsPerMinute.Where(p => p.Key > minute - window).ToDictionary(p => p.Key, p => p.Value);
        // Only recent transitions: a pump looks again at every incident it set aside within RecentTransitions anyway.
        var recent = clock.GetUtcNow() - INotificationDispatcherGrain.RecentTransitions;
        foreach (var old in _lastTransitionAt.Where(p => p.Value < recent).Select(p => p.Key).ToList())
        {
            _lastTransitionAt.Remove(old);
        }

        return Task.FromResult(new DispatchShardView(state.State.PendingIncidents.ToList(), counts, state.State.Digest.Count, state.State.DigestStartedAt,
            new Dictionary<string, DateTimeOffset>(_lastTransitionAt, StringComparer.Ordinal)));
    }

    public async Task DoneAsync(string incidentId)
    {
        _lastTransitionAt.Remove(incidentId);
        if (state.State.RemovePending(incidentId))
        {
            await _writes.WriteAsync();
        }
    }

    public async Task AddToDigestAsync(OutboxEntry entry)
    {
        state.State.AddToDigest(entry, clock.GetUtcNow());
        await _writes.WriteAsync();
    }

    public async Task<IReadOnlyList<OutboxEntry>> TakeDigestAsync()
    {
        if (state.State.Digest.Count == 0)
        {
            return [];
        }

        var taken = state.State.TakeDigest();
        await _writes.WriteAsync();
        return taken;
    }

    public async Task DeadLetteredAsync(OutboxEntry entry)
    {
        if (state.State.AddDead(entry))
        {
            await _writes.WriteAsync();
            metrics.Dead(entry.Channel);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> DeadLettersAsync() =>
        Task.FromResult<IReadOnlyList<OutboxEntry>>(state.State.Dead.Values.OrderBy(e => e.DoneAt).ToList());

    public async Task RetryAsync(string incidentId, string key)
    {
        var removed = state.State.RemoveDead(key);
        if (state.State.AddPending(incidentId) || removed)
        {
            await _writes.WriteAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.OnDeactivateAsync(reason);
}
