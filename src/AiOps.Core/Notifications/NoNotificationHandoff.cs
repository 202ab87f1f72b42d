using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Notifications;

/// <summary>Where no deliverer runs (a test cluster, a host without notifications): every offer is refused, so the pump sends.</summary>
public sealed class NoNotificationHandoff : INotificationHandoff
{
    public static readonly NoNotificationHandoff Instance = new();

    public bool TryOffer(string incidentId, IReadOnlyList<OutboxEntry> entries, DateTimeOffset leasedUntil) => false;
}
