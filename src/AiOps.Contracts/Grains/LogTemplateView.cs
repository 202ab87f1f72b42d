namespace AiOps.Contracts.Grains;

/// <summary>
/// One mined log template of a service, as the templates API shows it; <c>Levels</c> counts lines per level;
/// <c>ActedOn</c> once an incident holding it was acknowledged or resolved.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.log-template-view.v1")]
public sealed record LogTemplateView(
    [property: Id(0)] int Id,
    [property: Id(1)] string Text,
    [property: Id(2)] long Count,
    [property: Id(3)] DateTimeOffset FirstSeen,
    [property: Id(4)] DateTimeOffset LastSeen,
    [property: Id(5)] IReadOnlyDictionary<string, long> Levels,
    [property: Id(6)] bool ActedOn);
