using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Core.Notifications;
using AiOps.Grains.Monitoring;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Incidents;

/// <summary>The incident's outbox: its transitions' notifications, leased to whoever sends them, and their outcomes.</summary>
public sealed partial class IncidentGrain
{
    private readonly Dictionary<string, DateTimeOffset> _leasedUntil = [];
    private IGrainTimer? _dispatcherRetry;
    private bool _offerWanted;

    public async Task<(IReadOnlyList<OutboxEntry> Due, bool AnyPending, DateTimeOffset? NextDueAt)> TakeDueNotificationsAsync(
        TimeSpan lease, string? listedBy = null, IReadOnlyDictionary<string, DateTimeOffset>? rateWaits = null)
    {
        var now = clock.GetUtcNow();
        var notify = policy.For(state.State.ShipId).Notify;
        // An entry on a channel that must wait for its rate limit is left alone: taking it would only record the
        // wait (a write of this incident) for every pending incident on every pass.
        Func<string, DateTimeOffset?>? channelWait = rateWaits is not { Count: > 0 } ? null
            : channel => rateWaits.TryGetValue(NotificationGate.RateWaitKey(channel, NotificationGate.RateLimitOf(notify, channel)), out var until) ? until : null;
        var due = Outbox.Due(state.State.Outbox, now, _leasedUntil, channelWait);
        foreach (var entry in due)
        {
            _leasedUntil[entry.Key] = now + lease;
        }

        var anyPending = Outbox.AnyPending(state.State.Outbox);
        if (!anyPending && listedBy is not null)
        {
            // Here rather than by the pump after this call returns: a transition in between listed the incident
            // again, and the pump's removal then dropped it with its new notifications pending.
            await ForgetPendingAsync(listedBy);
        }

        return (due, anyPending, Outbox.NextDueAt(state.State.Outbox, now, _leasedUntil, channelWait));
    }

    public async Task<string?> RecordNotificationAsync(string key, string outcome, string? detail, DateTimeOffset? retryAt)
    {
        var now = clock.GetUtcNow();
        var notify = policy.For(state.State.ShipId).Notify;
        var entry = Outbox.Record(state.State.Outbox, key, outcome, detail, retryAt, notify, Random.Shared.NextDouble(), now);
        _leasedUntil.Remove(key);
        if (entry is null)
        {
            return null;
        }

        IncidentTimeline.NotificationRecorded(state.State, entry, outcome, notify, now);
        if (entry.State == OutboxState.Failed)
        {
            await OnDispatcherAsync(d => d.DeadLetteredAsync(entry));
        }

        await state.WriteStateAsync();
        if (!Outbox.AnyPending(state.State.Outbox))
        {
            await ForgetPendingAsync();
        }

        return entry.State;
    }

    /// <summary>
    /// Nothing is pending any more: the shard (the incident's own unless another one listed it) stops listing the
    /// incident, so that no pump comes back to find nothing. No race with a new transition: that reaches the shard
    /// only from a turn of this incident. After the incident's own write, so a failure here only leaves the incident
    /// listed, and the pump's next pass finds nothing pending and has it taken off then.
    /// </summary>
    private async Task ForgetPendingAsync(string? shardKey = null)
    {
        try
        {
            await GrainFactory.GetGrain<INotificationDispatcherGrain>(
                shardKey ?? INotificationDispatcherGrain.KeyOf(state.State.ShipId, policy.Fleet.Notify.Dispatch.Shards)).DoneAsync(state.State.IncidentId);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogDoneUnreachable(logger, e);
        }
    }

    /// <summary>
    /// Hands what is due now to this silo's deliverer, after the write that added a transition's notifications
    /// (nothing is sent that storage does not hold) and in the same turn: no other call reaches the incident in
    /// between, so neither a pump nor another offer can take the entries first. The lease lives in memory, so it
    /// costs no write of its own.
    /// </summary>
    /// <remarks>
    /// The entries are leased only when the deliverer took them. An offer it refuses (its queue is full in a storm)
    /// leaves them unleased, so the pump's next pass sends them within a second; leasing first and dropping the
    /// offer would hold them back for a whole lease. The deliverer may start at once: its record of the outcome is a
    /// call to this incident, which waits for this turn to end, so the lease is set by then.
    /// </remarks>
    private void OfferDueNotifications()
    {
        if (!_offerWanted)
        {
            return;
        }

        _offerWanted = false;
        var now = clock.GetUtcNow();
        var due = Outbox.Due(state.State.Outbox, now, _leasedUntil);
        var leasedUntil = now + Outbox.Lease;
        // Copies, as a grain call would pass them: the deliverer reads them on its own thread while this grain
        // records outcomes into the originals.
        if (due.Count > 0 && notifier.TryOffer(state.State.IncidentId, due.ConvertAll(e => e.Copy()), leasedUntil))
        {
            foreach (var entry in due)
            {
                _leasedUntil[entry.Key] = leasedUntil;
            }
        }
    }

    public async Task<(OutboxEntry? Entry, bool Retried)> RetryNotificationAsync(string key, string actor)
    {
        var now = clock.GetUtcNow();
        var entry = Outbox.Retry(state.State.Outbox, key, policy.For(state.State.ShipId).Notify, now);
        if (entry is null)
        {
            return (state.State.Outbox.Find(e => e.Key == key), false);
        }

        await OnDispatcherAsync(d => d.RetryAsync(state.State.IncidentId, key));
        IncidentTimeline.NotificationRetryAsked(state.State, entry, actor, now);
        await state.WriteStateAsync();
        return (entry, true);
    }

    /// <summary>
    /// Tells the incident's dispatcher shard before the incident's own write. If the shard cannot be reached, the
    /// change made in memory is dropped with the activation, so storage (the last write) stays the truth and the
    /// pump's next attempt does it again.
    /// </summary>
    private async Task OnDispatcherAsync(Func<INotificationDispatcherGrain, Task> call)
    {
        try
        {
            await call(GrainFactory.GetGrain<INotificationDispatcherGrain>(
                INotificationDispatcherGrain.KeyOf(state.State.ShipId, policy.Fleet.Notify.Dispatch.Shards)));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Puts the transition's notifications into the outbox, which the caller then writes with the transition
    /// and offers to this silo's deliverer (<see cref="OfferDueNotifications"/>).
    /// The dispatcher hears of it first: if the write fails, the pump finds nothing pending and moves on; the
    /// other order could leave a written notification that nobody knows to send.
    /// </summary>
    private async Task EnqueueNotificationsAsync(string? transition, string? actor, DateTimeOffset now)
    {
        if (transition is null)
        {
            return;
        }

        var incident = state.State;
        var added = NotificationPlanner.Enqueue(incident.Outbox, policy.For(incident.ShipId).Notify, incident.IncidentId, incident.ShipId,
            incident.IncidentType, incident.Severity, incident.Status, transition, actor, now);
        _offerWanted |= added > 0;
        if (added > 0 && !await TellDispatcherAsync())
        {
            // The dispatcher is out of reach (e.g. its silo just died): the transition must not fail for that,
            // so keep trying from a timer that also keeps this incident active until it has succeeded.
            _dispatcherRetry ??= this.RegisterGrainTimer(async _ =>
            {
                if (await TellDispatcherAsync())
                {
                    _dispatcherRetry?.Dispose();
                    _dispatcherRetry = null;
                }
            }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)) { KeepAlive = true });
        }
    }

    private async Task<bool> TellDispatcherAsync()
    {
        try
        {
            await GrainFactory.GetGrain<INotificationDispatcherGrain>(
                    INotificationDispatcherGrain.KeyOf(state.State.ShipId, policy.Fleet.Notify.Dispatch.Shards))
                .TransitionAsync(state.State.IncidentId, state.State.ShipId);
            return true;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogDispatcherUnreachable(logger, e);
            return false;
        }
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Notification dispatcher unreachable; retrying so the incident's notifications are sent")]
    private static partial void LogDispatcherUnreachable(ILogger logger, Exception error);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Notification dispatcher unreachable after the last notification was recorded; the pump's next pass takes the incident off its list")]
    private static partial void LogDoneUnreachable(ILogger logger, Exception error);
}
