using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Grains.Notifications;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// What becomes of one leased outbox entry, for the pump and the deliverer alike: quiet hours and the storm (from
/// the <see cref="StormView"/>), the channel's rate limit (through the fleet's gate, only for a rate-limited
/// channel), the digest, the send outside any grain turn (a slow receiver never holds up an incident), and the
/// outcome recorded on the incident.
/// </summary>
public sealed partial class NotificationDelivery(
    IGrainFactory grains,
    IEnumerable<INotificationSender> senders,
    PolicyRuntime policy,
    StormView storm,
    TimeProvider clock,
    ILogger<NotificationDelivery> logger,
    NotificationMetrics? metrics = null)
{
    public async Task DeliverAsync(IIncidentGrain incident, INotificationDispatcherGrain dispatcher, OutboxEntry entry, RateWaits waits, CancellationToken cancellation)
    {
        var gate = grains.GetGrain<INotificationGateGrain>(INotificationGateGrain.FleetKey);
        var (admission, counted) = await AdmitAsync(gate, entry, waits);
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
                    await gate.GiveBackRateAsync(entry.Channel, takenMinute);
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

    /// <summary>
    /// Quiet hours and the storm need no counter; only a rate-limited channel asks the fleet's gate, and once a
    /// channel must wait, what follows on it waits too without asking again. Counted is true when the send took one
    /// of the channel's rate-limit slots (given back if the attempt fails).
    /// </summary>
    private async Task<(Admission Admission, bool Counted)> AdmitAsync(INotificationGateGrain gate, OutboxEntry entry, RateWaits waits)
    {
        var notify = policy.For(entry.ShipId).Notify;
        var now = clock.GetUtcNow();
        if (NotificationGate.Screen(notify, entry.Channel, entry.Severity, storm.InStorm(policy.Fleet.Notify, now), now) is { } screened)
        {
            return (screened, false);
        }

        var limit = NotificationGate.RateLimitOf(notify, entry.Channel);
        if (limit == 0)
        {
            return (Admission.Send, false);
        }

        if (waits.WaitingUntil(entry.Channel, limit, now) is { } until)
        {
            return (Admission.WaitUntil(until), false);
        }

        var admission = await gate.TakeRateAsync(entry.ShipId, entry.Channel);
        if (admission.RetryAt is { } retryAt)
        {
            waits.Wait(entry.Channel, limit, retryAt);
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

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Notification {Key} on {Channel} failed: {Detail}")]
    private static partial void LogSendFailed(ILogger logger, string channel, string key, string? detail);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Notification {Key} on {Channel} given up after give_up_after and dead-lettered: {Detail}")]
    private static partial void LogGivenUp(ILogger logger, string channel, string key, string? detail);
}
