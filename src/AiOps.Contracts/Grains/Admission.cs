namespace AiOps.Contracts.Grains;

/// <summary>What the gate says to one notification.</summary>
[GenerateSerializer, Immutable, Alias("aiops.admission.v1")]
public sealed record Admission([property: Id(0)] string Verdict, [property: Id(1)] DateTimeOffset? RetryAt)
{
    public static readonly Admission Send = new("send", null);
    public static readonly Admission Digest = new("digest", null);
    public static readonly Admission Quiet = new("quiet", null);

    public static Admission WaitUntil(DateTimeOffset at) => new("wait", at);
}
