using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>What an audit query asks for; null fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("aiops.audit-filter.v1")]
public sealed record AuditFilter(
    [property: Id(0)] DateTimeOffset Since,
    [property: Id(1)] DateTimeOffset Until,
    [property: Id(2)] string? User,
    [property: Id(3)] string? Action,
    [property: Id(4)] string? Resource,
    [property: Id(5)] int Limit)
{
    public bool Matches(AuditEvent entry) =>
        entry.Ts >= Since && entry.Ts <= Until
        && (User is null || string.Equals(entry.User, User, StringComparison.OrdinalIgnoreCase))
        && (Action is null || string.Equals(entry.Action, Action, StringComparison.OrdinalIgnoreCase))
        && (Resource is null || entry.Resource.StartsWith(Resource, StringComparison.OrdinalIgnoreCase));
}
