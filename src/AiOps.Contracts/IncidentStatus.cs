namespace AiOps.Contracts;

public enum IncidentStatus
{
    Open,
    Ack,
    Resolved,
    Suppressed,

    /// <summary>Merged into another incident (its <c>merged_into</c>); closed, and never changes again.</summary>
    Merged,
}
