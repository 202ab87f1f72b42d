using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Stats;

[GenerateSerializer, Alias("aiops.stats-day-state.v1")]
public sealed class StatsDayState
{
    [Id(0)] public Dictionary<int, StatsCounters> Minutes { get; set; } = [];
}
