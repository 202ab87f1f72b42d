using System.Diagnostics.Metrics;

namespace AiOps.Grains.Notifications;

/// <summary>Notification instruments (meter <c>AiOps.Notifications</c>); the SLO rules alert on the dead-letter count.</summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "AiOps.Notifications";

    private readonly Meter _meter;

    public NotificationMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Dead = _meter.CreateCounter<long>("aiops.notifications.dead", "{notification}", "Notifications given up after give_up_after (dead-lettered), by channel");
        Attempts = _meter.CreateCounter<long>("aiops.notifications.attempts", "{attempt}", "Notification delivery attempts, by channel and result");
    }

    public Counter<long> Dead { get; }

    public Counter<long> Attempts { get; }

    public void Dispose() => _meter.Dispose();
}
