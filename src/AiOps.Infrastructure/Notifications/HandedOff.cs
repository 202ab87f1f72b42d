using AiOps.Contracts.Pipeline;

namespace AiOps.Infrastructure.Notifications;

/// <summary>What an incident handed to the deliverer: its due entries, leased to the deliverer until <see cref="LeasedUntil"/>.</summary>
public sealed record HandedOff(string IncidentId, IReadOnlyList<OutboxEntry> Entries, DateTimeOffset LeasedUntil);
