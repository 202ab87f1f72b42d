using AiOps.Contracts;

namespace AiOps.Core.Incidents;

/// <summary>
/// Work the Insight Path owes an incident, persisted with the change that asked for it so that a restart or a
/// failover cannot lose it: <see cref="Narrate"/> (write the insight for <see cref="Severity"/>) or
/// <see cref="Learn"/> (add the resolved incident to the knowledge the model retrieves from).
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.owed-insight.v1")]
public sealed record OwedInsight(
    [property: Id(0)] string Work,
    [property: Id(1)] Severity Severity,
    [property: Id(2)] DateTimeOffset RequestedAt)
{
    public const string Narrate = "narrate";
    public const string Learn = "learn";
}
