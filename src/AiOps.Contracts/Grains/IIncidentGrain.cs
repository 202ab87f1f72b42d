using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>One incident (key: incident id): status, scope, timeline, evidence and member tracking ids.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident on its first change, or adds members and duplicates to it.</summary>
    Task<IncidentChangeResult> ApplyAsync(IncidentChange change);

    /// <summary>The incident, or null when no incident has this id.</summary>
    Task<Incident?> GetAsync();

    /// <summary>Moves the incident to a new status, or says why that transition is not allowed.</summary>
    Task<StatusChangeResult?> ChangeStatusAsync(StatusChangeRequest request);

    /// <summary>Writes an insight onto the incident (narrative, confidence, runbooks, source, timeline entry).</summary>
    Task ApplyInsightAsync(InsightResult insight);

    /// <summary>Removes the incident's stored state (retention).</summary>
    Task DeleteAsync();
}
