namespace AiOps.Contracts.Remediation;

[GenerateSerializer, Immutable, Alias("aiops.approval.v1")]
public sealed record Approval([property: Id(0)] string By, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string? Comment);
