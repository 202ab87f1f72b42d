namespace AiOps.Contracts.Messages;

/// <summary>
/// One matcher of a silence, as Alertmanager has it: <c>name</c> is an anomaly field (ship_id, service, domain,
/// device_id, incident_type, severity) or a label; a regex matches the whole value.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.silence-matcher.v1")]
public sealed record SilenceMatcher(
    [property: Id(0)] string Name,
    [property: Id(1)] string Value,
    [property: Id(2)] bool IsRegex = false,
    [property: Id(3)] bool IsEqual = true);
