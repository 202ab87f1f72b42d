namespace AiOps.Contracts.Pipeline;

[GenerateSerializer, Immutable, Alias("aiops.incident-page.v1")]
public sealed record IncidentPage(
    [property: Id(0)] IReadOnlyList<string> IncidentIds,
    [property: Id(1)] int Total);
