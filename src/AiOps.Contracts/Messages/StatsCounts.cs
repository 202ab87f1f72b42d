namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.stats-counts.v3")]
public sealed record StatsCounts(
    [property: Id(0)] long Logs,
    [property: Id(1)] long Metrics,
    [property: Id(2)] long Anomalies,
    [property: Id(3)] long Incidents,
    [property: Id(4)] long Duplicates,
    [property: Id(5)] long Suppressions,
    [property: Id(6)] long Silenced = 0);
