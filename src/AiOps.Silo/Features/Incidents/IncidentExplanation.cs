using AiOps.Contracts;
using AiOps.Contracts.Messages;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// The answer of <c>GET /api/v3/incidents/{id}/explain</c>: why each member is in the incident (key, rule, window,
/// event-time distance, dedup fingerprint), plus what operators changed (merged into, related).
/// </summary>
public sealed record IncidentExplanation(
    string IncidentId,
    IncidentStatus Status,
    string IncidentType,
    IReadOnlyList<string> CorrKeys,
    string SuppressKey,
    int AnomalyCount,
    int DuplicateCount,
    IReadOnlyDictionary<string, int> ByRule,
    IReadOnlyList<JoinReason> WhyGrouped,
    string? MergedInto,
    IReadOnlyList<string> Related)
{
    public static IncidentExplanation Of(Incident incident) => new(
        incident.IncidentId,
        incident.Status,
        incident.IncidentType,
        incident.CorrKeys,
        incident.SuppressKey,
        incident.AnomalyCount,
        incident.DuplicateCount,
        incident.WhyGrouped.GroupBy(r => r.Rule).ToDictionary(g => g.Key, g => g.Count()),
        incident.WhyGrouped,
        incident.MergedInto,
        incident.Related);
}
