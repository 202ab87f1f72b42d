using AiOps.Contracts;

namespace AiOps.Core.Incidents;

/// <summary>Which status changes an operator may make: open → ack → resolved, and suppression.</summary>
public static class IncidentTransitions
{
    public static bool IsAllowed(IncidentStatus from, IncidentStatus to) => (from, to) switch
    {
        (IncidentStatus.Open, IncidentStatus.Ack or IncidentStatus.Resolved or IncidentStatus.Suppressed) => true,
        (IncidentStatus.Ack, IncidentStatus.Resolved or IncidentStatus.Suppressed) => true,
        (IncidentStatus.Suppressed, IncidentStatus.Resolved) => true,
        _ => false,
    };

    /// <summary>Only a closed incident reopens (a merged one never does: its members live on in the other).</summary>
    public static bool CanReopen(IncidentStatus from) => from is IncidentStatus.Resolved or IncidentStatus.Suppressed;

    public static string Name(IncidentStatus status) => status.ToString().ToLowerInvariant();
}
