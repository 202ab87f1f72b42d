using System.Collections.Concurrent;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Grains.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// Works the outboxes: every second it reads every dispatcher shard, sums their transition counts into the
/// fleet's storm check, asks each incident with pending notifications for those due, passes
/// each through the gate, sends it outside any grain turn (a slow receiver never holds up an incident), and
/// records the outcome on the incident. A lease stops a second pump in the cluster taking the same entry; if
/// this silo dies mid-send, the lease runs out and the entry is sent again under the same idempotency key.
/// </summary>
public sealed partial class NotificationPump(
    IGrainFactory grains,
    IEnumerable<INotificationSender> senders,
    PolicyRuntime policy,
    TimeProvider clock,
    ILogger<NotificationPump> logger,
    NotificationMetrics? metrics = null) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private int _knownShards;
    private bool _legacyDrained;

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
        var views = await Task.WhenAll(shards.Select(s => s.PollAsync()));
        _legacyDrained |= !_legacyDrained && views[^1] is { Pending.Count: 0, DigestCount: 0 };

        // Storm detection counts the fleet: every transition was counted in exactly one shard.
        var gate = grains.GetGrain<INotificationGateGrain>(INotificationGateGrain.FleetKey);
        var view = await gate.ObserveAsync(NotificationGate.Sum(views.Select(v => v.TransitionsPerMinute)), fleet.Dispatch.Shards);
        _knownShards = view.KnownShards;

        var pass = new Pass(gate, view.StormUntil, new ConcurrentDictionary<(string, int), DateTimeOffset>());
        var work = shards.Zip(views).SelectMany(p => p.Second.Pending.Select(id => (Shard: p.First, IncidentId: id)));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation },
            async (item, token) => await PumpIncidentAsync(item.Shard, item.IncidentId, pass, token));
        await SendDigestAsync(shards, views, gate, cancellation);
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

    private async Task PumpIncidentAsync(INotificationDispatcherGrain dispatcher, string incidentId, Pass pass, CancellationToken cancellation)
    {
        var incident = grains.GetGrain<IIncidentGrain>(incidentId);
        var (due, anyPending) = await incident.TakeDueNotificationsAsync(Lease);
        if (!anyPending)
        {
            await dispatcher.DoneAsync(incidentId);
            return;
        }

        foreach (var entry in due)
        {
            var (admission, counted) = await AdmitAsync(entry, pass);
            switch (admission.Verdict)
            {
                case "quiet":
                    await incident.RecordNotificationAsync(entry.Key, OutboxState.QuietHours, "below quiet hours' minimum severity", null);
                    break;
                case "digest":
                    await dispatcher.AddToDigestAsync(entry);
                    await incident.RecordNotificationAsync(entry.Key, OutboxState.Digested, "notification storm: in the next digest", null);
                    break;
                case "wait":
                    await incident.RecordNotificationAsync(entry.Key, OutboxState.Pending, "channel rate limit", admission.RetryAt);
                    break;
                default:
                    var takenMinute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
                    var result = await SendAsync(entry, cancellation);
                    metrics?.Attempts.Add(1, new KeyValuePair<string, object?>("channel", entry.Channel), new KeyValuePair<string, object?>("result", result.Outcome));
                    if (result.Outcome != OutboxState.Sent && counted)
                    {
                        await pass.Gate.GiveBackRateAsync(entry.Channel, takenMinute);
                    }

                    var after = await incident.RecordNotificationAsync(entry.Key, result.Outcome, result.Detail, null);
                    if (after == OutboxState.Failed)
                    {
                        LogGivenUp(logger, entry.Channel, entry.Key, result.Detail);
                    }
                    else if (result.Outcome == OutboxState.Failed)
                    {
                        LogSendFailed(logger, entry.Channel, entry.Key, result.Detail);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Quiet hours and the storm need no counter; only a rate-limited channel asks the fleet's gate, and once a
    /// channel must wait, the rest of the pass waits with it without asking again. Counted is true when the send
    /// took one of the channel's rate-limit slots (given back if the attempt fails).
    /// </summary>
    private async Task<(Admission Admission, bool Counted)> AdmitAsync(OutboxEntry entry, Pass pass)
    {
        var notify = policy.For(entry.ShipId).Notify;
        var now = clock.GetUtcNow();
        if (NotificationGate.Screen(notify, entry.Channel, entry.Severity, pass.StormUntil > now, now) is { } screened)
        {
            return (screened, false);
        }

        var limit = (entry.Channel, NotificationGate.RateLimitOf(notify, entry.Channel));
        if (limit.Item2 == 0)
        {
            return (Admission.Send, false);
        }

        if (pass.Waiting.TryGetValue(limit, out var until) && until > now)
        {
            return (Admission.WaitUntil(until), false);
        }

        var admission = await pass.Gate.TakeRateAsync(entry.ShipId, entry.Channel);
        if (admission.RetryAt is { } retryAt)
        {
            pass.Waiting[limit] = retryAt;
        }

        return (admission, admission.Verdict == Admission.Send.Verdict);
    }

    private async Task<SendResult> SendAsync(OutboxEntry entry, CancellationToken cancellation)
    {
        var sender = senders.FirstOrDefault(s => s.Channel == entry.Channel);
        return sender is null
            ? SendResult.NotConfigured($"no sender for channel {entry.Channel}")
            : await sender.SendAsync(entry, policy.For(entry.ShipId).Notify, cancellation);
    }

    private sealed record Pass(INotificationGateGrain Gate, DateTimeOffset StormUntil, ConcurrentDictionary<(string Channel, int Limit), DateTimeOffset> Waiting);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Notification pump pass failed; it runs again in a second")]
    private static partial void LogPumpFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Notification {Key} on {Channel} failed: {Detail}")]
    private static partial void LogSendFailed(ILogger logger, string channel, string key, string? detail);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Notification {Key} on {Channel} given up after give_up_after and dead-lettered: {Detail}")]
    private static partial void LogGivenUp(ILogger logger, string channel, string key, string? detail);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Storm digest of {Count} notifications: {Outcome} {Detail}")]
    private static partial void LogDigest(ILogger logger, int count, string outcome, string? detail);
}
