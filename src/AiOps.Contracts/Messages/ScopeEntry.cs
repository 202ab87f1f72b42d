namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.scope-entry.v3")]
public sealed record ScopeEntry(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Service);
