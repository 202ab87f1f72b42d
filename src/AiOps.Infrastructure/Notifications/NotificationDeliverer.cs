using System.Threading.Channels;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Grains.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// Sends what incidents of this silo hand off right after writing it, without waiting for the pump's next pass,
/// through the same <see cref="NotificationDelivery"/> as the pump. Offers go to <c>dispatch.direct_senders</c>
/// queues by incident, so that an incident's notifications go out in order (a trigger before its acknowledgement),
/// and the queues hold <c>dispatch.direct_queue</c> offers together. What it does not finish (a rate-limit wait, a
/// retry, an offer it refused) the pump sends.
/// </summary>
public sealed partial class NotificationDeliverer : BackgroundService, INotificationHandoff
{
    private readonly NotificationDelivery _delivery;
    private readonly StormView _storm;
    private readonly IGrainFactory _grains;
    private readonly PolicyRuntime _policy;
    private readonly TimeProvider _clock;
    private readonly ILogger<NotificationDeliverer> _logger;
    private readonly RateWaits _waits = new();
    private readonly Lock _gate = new();
    private volatile DeliveryLanes _lanes;
    private bool _stopped;

    public NotificationDeliverer(NotificationDelivery delivery, StormView storm, IGrainFactory grains, PolicyRuntime policy, TimeProvider clock,
        ILogger<NotificationDeliverer> logger)
    {
        (_delivery, _storm, _grains, _policy, _clock, _logger) = (delivery, storm, grains, policy, clock, logger);
        _lanes = DeliveryLanes.For(policy.Fleet.Notify.Dispatch);
    }

    public bool TryOffer(string incidentId, IReadOnlyList<OutboxEntry> entries, DateTimeOffset leasedUntil)
    {
        // Counted whether or not it is taken: the storm is about transitions, however they are sent.
        _storm.CountTransition(_policy.Fleet.Notify, _clock.GetUtcNow());
        return CurrentLanes().Queue(incidentId).Writer.TryWrite(new HandedOff(incidentId, entries, leasedUntil));
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Refuse from now on; what is still queued keeps its lease only as long as its incident's activation, which
        // the silo's own stop ends (after this one), so the pump of this or another silo sends it.
        lock (_gate)
        {
            _stopped = true;
            _lanes.Complete();
        }

        return base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the lanes in force until they are replaced, then the new ones: the old lanes finish what they hold
    /// first, so that an incident's notifications still go out in order across a change of the policy.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var lanes = _lanes;
            await Task.WhenAll(lanes.Queues.Select(queue => WorkAsync(queue.Reader, stoppingToken)));
            if (ReferenceEquals(lanes, _lanes))
            {
                return; // completed by the stop
            }
        }
    }

    /// <summary>
    /// The lanes for <c>dispatch.direct_senders</c> and <c>direct_queue</c> as the policy says now: after a reload
    /// that changed them, new lanes take the offers and the old ones are closed (they still send what they hold).
    /// </summary>
    private DeliveryLanes CurrentLanes()
    {
        var dispatch = _policy.Fleet.Notify.Dispatch;
        var lanes = _lanes;
        if (lanes.Fits(dispatch))
        {
            return lanes;
        }

        lock (_gate)
        {
            if (_stopped || _lanes.Fits(dispatch))
            {
                return _lanes;
            }

            var old = _lanes;
            _lanes = DeliveryLanes.For(dispatch);
            old.Complete();
            LogLanesChanged(_logger, dispatch.DirectSenders, dispatch.DirectQueue);
            return _lanes;
        }
    }

    private async Task WorkAsync(ChannelReader<HandedOff> queue, CancellationToken stopping)
    {
        try
        {
            await foreach (var offer in queue.ReadAllAsync(stopping))
            {
                await DeliverAsync(offer, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: an interrupted send is sent again under its key once the lease is gone with the activation.
        }
    }

    private async Task DeliverAsync(HandedOff offer, CancellationToken stopping)
    {
        var incident = _grains.GetGrain<IIncidentGrain>(offer.IncidentId);
        for (var i = 0; i < offer.Entries.Count; i++)
        {
            var entry = offer.Entries[i];
            using var scope = LogScopes.ForIncident(_logger, entry.IncidentId, entry.ShipId);
            if (offer.LeasedUntil - _clock.GetUtcNow() < Outbox.Lease / 2)
            {
                // Queued for half the lease (a long backlog): the rest may not cover a send and its record, and a
                // send still under way when the lease runs out could overlap the pump's. The pump takes them then.
                LogTooLate(_logger, offer.Entries.Count - i);
                return;
            }

            var dispatcher = _grains.GetGrain<INotificationDispatcherGrain>(INotificationDispatcherGrain.KeyOf(entry.ShipId, _policy.Fleet.Notify.Dispatch.Shards));
            try
            {
                await _delivery.DeliverAsync(incident, dispatcher, entry, _waits, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Not recorded: the entry stays leased, and when the lease runs out the pump sends it (again, under the
                // same key, if this attempt reached the receiver).
                LogDeliveryFailed(_logger, entry.Key, e);
            }
        }
    }

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "Direct notification delivery now has {Senders} senders holding {Queue} offers (policy reloaded)")]
    private static partial void LogLanesChanged(ILogger logger, int senders, int queue);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "{Count} handed-off notifications waited half their lease in the queue; the pump sends them when it runs out")]
    private static partial void LogTooLate(ILogger logger, int count);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Direct delivery of notification {Key} failed; the pump sends it when its lease runs out")]
    private static partial void LogDeliveryFailed(ILogger logger, string key, Exception error);
}
