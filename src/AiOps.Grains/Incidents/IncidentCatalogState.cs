using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Incidents;

[GenerateSerializer, Alias("aiops.incident-catalog-state.v1")]
public sealed class IncidentCatalogState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = new(StringComparer.Ordinal);
}
