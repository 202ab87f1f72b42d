namespace AiOps.Contracts;

public enum IncidentStatus
{
    Open,
    Ack,
    Resolved,
    Suppressed,
}
