namespace AiOps.Contracts.Pipeline;

/// <summary>
/// Where a candidate came from in the ingest journal: the journal, the service whose grain read it, and the entry's
/// sequence number. A correlation key keeps the highest number it has correlated per journal and service, which
/// recognises a replayed entry in a few bytes instead of a list of every tracking id.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.candidate-source.v1")]
public sealed record CandidateSource(
    [property: Id(0)] string Journal,
    [property: Id(1)] string Service,
    [property: Id(2)] long Lsn)
{
    /// <summary>The key of the journal and service in a correlation state's positions.</summary>
    public string Key => $"{Journal}/{Service}";
}
