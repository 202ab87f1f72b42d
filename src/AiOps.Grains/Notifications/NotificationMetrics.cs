using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AiOps.Grains.Notifications;

/// <summary>Notification instruments (meter <c>AiOps.Notifications</c>); the SLO rules alert on the dead-letter count.</summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "AiOps.Notifications";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, long> _deadByChannel = new(StringComparer.Ordinal);

    public NotificationMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        // Observable, so that the series exists at 0 before anything dies: the SLO alert's increase() needs it.
        _meter.CreateObservableCounter("aiops.notifications.dead", ObserveDead, "{notification}",
            "Notifications given up after give_up_after (dead-lettered), by channel");
        Attempts = _meter.CreateCounter<long>("aiops.notifications.attempts", "{attempt}", "Notification delivery attempts, by channel and result");
    }

    public Counter<long> Attempts { get; }

    public void Dead(string channel) => _deadByChannel.AddOrUpdate(channel, 1, (_, n) => n + 1);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveDead() =>
        _deadByChannel.IsEmpty
            ? [new Measurement<long>(0)]
            : _deadByChannel.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("channel", p.Key)));
}
