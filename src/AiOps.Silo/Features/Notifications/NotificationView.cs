using AiOps.Contracts;
using AiOps.Contracts.Pipeline;

namespace AiOps.Silo.Features.Notifications;

/// <summary>One notification as the API shows it (dead-letter list, retry answer).</summary>
public sealed record NotificationView(
    string NotificationId, string IdempotencyKey, string IncidentId, string ShipId, string Channel, string Transition,
    Severity Severity, string State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt,
    DateTimeOffset? GiveUpAt, DateTimeOffset? FailedAt)
{
    public static NotificationView Of(OutboxEntry entry) => new(
        NotificationIds.Of(entry.Key), entry.Key, entry.IncidentId, entry.ShipId, entry.Channel, entry.Transition, entry.Severity,
        entry.State, entry.Attempts, entry.LastError, entry.CreatedAt, entry.NextAttemptAt, entry.GiveUpAt,
        entry.State == OutboxState.Failed ? entry.DoneAt : null);
}
