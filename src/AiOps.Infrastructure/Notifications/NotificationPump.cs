using System.Collections.Concurrent;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// Sweeps the outboxes for what the deliverer does not finish: every second it reads every dispatcher shard, sums
/// their transition counts into the fleet's storm check (kept in the <see cref="StormView"/> the deliverer reads too),
/// asks each incident with pending notifications for those due (a rate-limit wait or a retry backoff that is over, a
/// lease run out because a silo died mid-send, an offer the deliverer refused, the legacy shard), passes each through
/// <see cref="NotificationDelivery"/>, and sends the storm digest. A lease stops it taking an entry that the
/// deliverer or another pump holds; if a silo dies mid-send, the lease runs out (or goes with the incident's
/// activation) and the entry is sent again under the same idempotency key.
/// </summary>
public sealed partial class NotificationPump(
    IGrainFactory grains,
    NotificationDelivery delivery,
    StormView storm,
    IEnumerable<INotificationSender> senders,
    PolicyRuntime policy,
    TimeProvider clock,
    ILogger<NotificationPump> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private int _knownShards;
    private bool _legacyDrained;

    // Once a channel must wait for its rate limit, what follows on it waits too, across passes until the wait is over.
    private readonly RateWaits _waits = new();

    // Pending incidents whose notifications were not due when looked at: until when they are set aside, and when
    // they were looked at (a transition after that brings one back at once). Every pass used to call every pending
    // incident: with a rate-limited channel working through a storm's backlog, thousands of grain calls a second,
    // and a write of each incident every minute to record the wait again.
    private readonly ConcurrentDictionary<string, (DateTimeOffset NotBefore, DateTimeOffset LookedAt)> _setAside = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PumpOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (a silo gone, a sender's unexpected error), the pump must not die with it:
                // the next tick tries again, and nothing was marked done.
                LogPumpFailed(logger, e);
            }
        }
    }

    public async Task PumpOnceAsync(CancellationToken cancellation)
    {
        var fleet = policy.Fleet.Notify;
        var keys = Enumerable.Range(0, Math.Max(fleet.Dispatch.Shards, _knownShards)).Select(INotificationDispatcherGrain.ShardKey).ToList();
        if (!_legacyDrained)
        {
            keys.Add(INotificationDispatcherGrain.LegacyKey);
        }

        var shards = keys.Select(k => grains.GetGrain<INotificationDispatcherGrain>(k)).ToList();
        var polledAt = clock.GetUtcNow();
        var views = await Task.WhenAll(shards.Select(s => s.PollAsync()));
        _legacyDrained |= !_legacyDrained && views[^1] is { Pending.Count: 0, DigestCount: 0 };

        // Storm detection counts the fleet: every transition was counted in exactly one shard.
        var gate = grains.GetGrain<INotificationGateGrain>(INotificationGateGrain.FleetKey);
        var perMinute = NotificationGate.Sum(views.Select(v => v.TransitionsPerMinute));
        var view = await gate.ObserveAsync(perMinute, fleet.Dispatch.Shards);
        _knownShards = view.KnownShards;
        storm.Observed(perMinute, view.StormUntil, polledAt);

        var pending = shards.Zip(views)
            .SelectMany(p => p.Second.Pending.Select(id => (Shard: p.First, IncidentId: id, TransitionAt: TransitionAt(p.Second, id))))
            .ToList();
        ForgetSetAsideNoLongerPending(pending.Select(p => p.IncidentId));
        var work = pending.Where(p => !IsSetAside(p.IncidentId, p.TransitionAt, polledAt));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation },
            async (item, token) => await PumpIncidentAsync(item.Shard, item.IncidentId, token));
        await SendDigestAsync(shards, views, gate, cancellation);
    }

    private static DateTimeOffset? TransitionAt(DispatchShardView view, string incidentId) =>
        view.LastTransitionAt is { } transitions && transitions.TryGetValue(incidentId, out var at) ? at : null;

    private bool IsSetAside(string incidentId, DateTimeOffset? transitionAt, DateTimeOffset now) =>
        _setAside.TryGetValue(incidentId, out var aside) && aside.NotBefore > now && !(transitionAt >= aside.LookedAt);

    private void ForgetSetAsideNoLongerPending(IEnumerable<string> pending)
    {
        var stillPending = pending.ToHashSet(StringComparer.Ordinal);
        foreach (var incidentId in _setAside.Keys.Where(id => !stillPending.Contains(id)))
        {
            _setAside.TryRemove(incidentId, out _);
        }
    }

    /// <summary>One mail for the whole fleet per digest_interval_min: the pump given the turn takes every shard's part.</summary>
    private async Task SendDigestAsync(List<INotificationDispatcherGrain> shards, DispatchShardView[] views, INotificationGateGrain gate, CancellationToken cancellation)
    {
        var holding = shards.Zip(views).Where(p => p.Second.DigestCount > 0).ToList();
        if (holding.Count == 0
            || clock.GetUtcNow() - holding.Min(p => p.Second.DigestStartedAt) < TimeSpan.FromMinutes(policy.Fleet.Notify.Channels.Email.DigestIntervalMin)
            || !await gate.TryTakeDigestTurnAsync())
        {
            return;
        }

        var parts = await Task.WhenAll(holding.Select(p => p.First.TakeDigestAsync()));
        var digest = parts.SelectMany(p => p).OrderBy(e => e.CreatedAt).ToList();
        if (digest.Count > 0 && senders.OfType<EmailSender>().FirstOrDefault() is { } email)
        {
            var result = await email.SendDigestAsync(digest, policy.Fleet.Notify, cancellation);
            LogDigest(logger, digest.Count, result.Outcome, result.Detail);
            if (result.Outcome == OutboxState.Failed)
            {
                // Taken from the shards but not sent (the relay was down or slow): held for the next digest turn.
                foreach (var entry in digest)
                {
                    await holding[0].First.AddToDigestAsync(entry);
                }
            }
        }
    }

    private async Task PumpIncidentAsync(INotificationDispatcherGrain dispatcher, string incidentId, CancellationToken cancellation)
    {
        // With nothing pending, the incident takes itself off this shard within the call (see its contract).
        var incident = grains.GetGrain<IIncidentGrain>(incidentId);
        var lookedAt = clock.GetUtcNow();
        var (due, anyPending, nextDueAt) = await incident.TakeDueNotificationsAsync(Outbox.Lease, dispatcher.GetPrimaryKeyString(), _waits.Active(lookedAt));
        if (due.Count == 0 && anyPending && nextDueAt is { } next)
        {
            var longest = lookedAt + INotificationDispatcherGrain.RecentTransitions;
            _setAside[incidentId] = (next < longest ? next : longest, lookedAt);
        }
        else
        {
            // What it sends now may be retried soon after (a failure's backoff): the next pass looks again.
            _setAside.TryRemove(incidentId, out _);
        }

        foreach (var entry in due)
        {
            await delivery.DeliverAsync(incident, dispatcher, entry, _waits, cancellation);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Notification pump pass failed; it runs again in a second")]
    private static partial void LogPumpFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Storm digest of {Count} notifications: {Outcome} {Detail}")]
    private static partial void LogDigest(ILogger logger, int count, string outcome, string? detail);
}
