namespace AiOps.Contracts.Pipeline;

/// <summary>
/// One notification of one incident transition on one channel, stored in the incident's own state in the
/// same write as the transition (the outbox). Its <see cref="Key"/> is the idempotency key the receiver sees:
/// the same key is never enqueued twice, and a retry or a resend after a restart carries the same key.
/// </summary>
[GenerateSerializer, Alias("aiops.outbox-entry.v1")]
public sealed class OutboxEntry
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Channel { get; init; }
    [Id(2)] public required string IncidentId { get; init; }
    [Id(3)] public required string ShipId { get; init; }
    [Id(4)] public required string IncidentType { get; init; }
    [Id(5)] public required string Transition { get; init; }
    [Id(6)] public required Severity Severity { get; init; }
    [Id(7)] public required IncidentStatus Status { get; init; }
    [Id(8)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public string? Actor { get; init; }
    [Id(10)] public string State { get; set; } = OutboxState.Pending;
    [Id(11)] public int Attempts { get; set; }
    [Id(12)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(13)] public string? LastError { get; set; }
    [Id(14)] public DateTimeOffset? DoneAt { get; set; }

    /// <summary>When retrying stops and the entry is dead-lettered; null means <c>CreatedAt</c> plus the policy's <c>give_up_after</c>.</summary>
    [Id(15)] public DateTimeOffset? GiveUpAt { get; set; }

    /// <summary>A copy, as a grain call would pass it (every field is a value or a string, so a shallow copy is a whole one).</summary>
    public OutboxEntry Copy() => (OutboxEntry)MemberwiseClone();
}

/// <summary>Where an outbox entry stands. Only <see cref="Pending"/> is still to be worked on.</summary>
public static class OutboxState
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Digested = "digested";
    public const string QuietHours = "suppressed_quiet_hours";
    public const string Failed = "failed";
    public const string NotConfigured = "not_configured";
}
