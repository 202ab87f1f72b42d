namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.runbook-ref.v3")]
public sealed record RunbookRef(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Risk);
