using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Notifications;

/// <summary>
/// Where an incident hands the notifications it has just written, to be sent at once in its own silo rather than
/// on the pump's next pass. Called from a grain turn, so it never waits.
/// </summary>
public interface INotificationHandoff
{
    /// <summary>
    /// Takes all of <paramref name="entries"/> (true), to send and record each before <paramref name="leasedUntil"/>,
    /// or none (false: nothing here delivers, or its queue is full), which the pump then sends.
    /// </summary>
    bool TryOffer(string incidentId, IReadOnlyList<OutboxEntry> entries, DateTimeOffset leasedUntil);
}
