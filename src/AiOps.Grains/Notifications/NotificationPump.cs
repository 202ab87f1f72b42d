using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Notifications;

/// <summary>
/// Works the outboxes: every second it asks each incident with pending notifications for those due, passes
/// each through the gate, sends it outside any grain turn (a slow receiver never holds up an incident), and
/// records the outcome on the incident. A lease stops a second pump in the cluster taking the same entry; if
/// this silo dies mid-send, the lease runs out and the entry is sent again under the same idempotency key.
/// </summary>
public sealed partial class NotificationPump(
    IGrainFactory grains,
    IEnumerable<INotificationSender> senders,
    PolicyRuntime policy,
    ILogger<NotificationPump> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PumpOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                LogPumpFailed(logger, e); // the next tick tries again; nothing was marked done
            }
        }
    }

    public async Task PumpOnceAsync(CancellationToken cancellation)
    {
        var dispatcher = grains.GetGrain<INotificationDispatcherGrain>(INotificationDispatcherGrain.FleetKey);
        var pending = await dispatcher.PendingAsync();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation },
            async (incidentId, token) => await PumpIncidentAsync(dispatcher, incidentId, token));
        var digest = await dispatcher.TakeDigestAsync();
        if (digest.Count > 0 && senders.OfType<EmailSender>().FirstOrDefault() is { } email)
        {
            var result = await email.SendDigestAsync(digest, policy.For("").Notify, cancellation);
            LogDigest(logger, digest.Count, result.Outcome, result.Detail);
        }
    }

    private async Task PumpIncidentAsync(INotificationDispatcherGrain dispatcher, string incidentId, CancellationToken cancellation)
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
            var admission = await dispatcher.AdmitAsync(entry.ShipId, entry.Channel, entry.Severity);
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
                    var result = await SendAsync(entry, cancellation);
                    await incident.RecordNotificationAsync(entry.Key, result.Outcome, result.Detail, null);
                    if (result.Outcome == OutboxState.Failed)
                    {
                        LogSendFailed(logger, entry.Channel, entry.Key, result.Detail);
                    }

                    break;
            }
        }
    }

    private async Task<SendResult> SendAsync(OutboxEntry entry, CancellationToken cancellation)
    {
        var sender = senders.FirstOrDefault(s => s.Channel == entry.Channel);
        return sender is null
            ? SendResult.NotConfigured($"no sender for channel {entry.Channel}")
            : await sender.SendAsync(entry, policy.For(entry.ShipId).Notify, cancellation);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Notification pump pass failed; it runs again in a second")]
    private static partial void LogPumpFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Notification {Key} on {Channel} failed: {Detail}")]
    private static partial void LogSendFailed(ILogger logger, string channel, string key, string? detail);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Storm digest of {Count} notifications: {Outcome} {Detail}")]
    private static partial void LogDigest(ILogger logger, int count, string outcome, string? detail);
}
