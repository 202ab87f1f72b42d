using AiOps.Contracts;

namespace AiOps.Core.Incidents;

/// <summary>
/// The insights an incident is owed. A new request of a kind replaces the older one; an answer settles a
/// narrative only if it was written for the severity asked for last (a rise after the worker read the incident
/// keeps it owed).
/// </summary>
public static class InsightDebt
{
    public static void Owe(IncidentState incident, string work, DateTimeOffset now)
    {
        incident.OwedInsights.RemoveAll(o => o.Work == work);
        incident.OwedInsights.Add(new OwedInsight(work, incident.Severity, now));
    }

    /// <summary>Settles the owed narrative if <paramref name="writtenFor"/> answers it; true if something was settled.</summary>
    public static bool SettleNarrative(IncidentState incident, Severity? writtenFor) =>
        incident.OwedInsights.RemoveAll(o => o.Work == OwedInsight.Narrate && (writtenFor is null || writtenFor >= o.Severity)) > 0;

    /// <summary>Settles the owed learning if it was asked for no later than <paramref name="requestedAt"/>.</summary>
    public static bool SettleLearning(IncidentState incident, DateTimeOffset requestedAt) =>
        incident.OwedInsights.RemoveAll(o => o.Work == OwedInsight.Learn && o.RequestedAt <= requestedAt) > 0;

    public static bool Owes(IncidentState incident) => incident.Exists && incident.OwedInsights.Count > 0;
}
