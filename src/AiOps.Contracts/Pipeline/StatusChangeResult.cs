using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Pipeline;

/// <summary>
/// The incident after a status or workflow change, or why the change was refused. <paramref name="Pending"/>: the
/// change is recorded but another incident could not yet be reached to finish it; it finishes by itself.
/// <paramref name="StatusChanged"/> and <paramref name="MovedOut"/> are what the incident's correlation key, which
/// asked for the change, applies to its windows and keys: the incident answers them rather than calling upstream.
/// </summary>
[GenerateSerializer, Immutable, Alias("aiops.status-change-result.v1")]
public sealed record StatusChangeResult(
    [property: Id(0)] Incident? Incident,
    [property: Id(1)] string? Conflict,
    [property: Id(2)] string? Pending = null,
    [property: Id(3)] IncidentStatusChanged? StatusChanged = null,
    [property: Id(4)] IncidentHandoff? MovedOut = null);
