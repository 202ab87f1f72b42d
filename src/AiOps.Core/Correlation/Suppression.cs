namespace AiOps.Core.Correlation;

[GenerateSerializer, Alias("aiops.suppression.v1")]
public sealed class Suppression
{
    [Id(0)] public required DateTimeOffset Until { get; set; }
    [Id(1)] public required string IncidentId { get; set; }
}
