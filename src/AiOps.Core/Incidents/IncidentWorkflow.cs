using AiOps.Contracts.Messages;
using AiOps.Core.Policy;

namespace AiOps.Core.Incidents;

/// <summary>What operators do to an incident besides its status: comments, assignment, and the record of why members joined.</summary>
public static class IncidentWorkflow
{
    /// <summary>Keeps the join reasons of new members and duplicates, as many as the incident keeps tracking ids.</summary>
    public static void RecordReasons(IncidentState state, IEnumerable<JoinReason> reasons, CorrelatePolicy policy)
    {
        foreach (var reason in reasons)
        {
            if (state.WhyGrouped.Count >= policy.MaxTrackingIdsPerIncident)
            {
                return;
            }

            state.WhyGrouped.Add(reason);
        }
    }

    /// <summary>Adds a comment (and a timeline entry), or says why not.</summary>
    public static string? AddComment(IncidentState state, string author, string text, DateTimeOffset now, CorrelatePolicy policy)
    {
        if (state.Comments.Count >= policy.MaxCommentsPerIncident)
        {
            return $"the incident has {state.Comments.Count} comments, the most correlate.yaml max_comments_per_incident allows";
        }

        state.Comments.Add(new IncidentComment($"c-{state.Comments.Count + 1}", now, author, text));
        state.Timeline.Add(new TimelineEntry(now, "comment", text, author));
        state.UpdatedAt = now;
        return null;
    }

    /// <summary>Sets (or, with null, clears) the owner explicitly; a timeline entry says who did it.</summary>
    public static bool Assign(IncidentState state, string? owner, string actor, DateTimeOffset now)
    {
        if (state.Owner == owner)
        {
            return false;
        }

        state.Owner = owner;
        state.Timeline.Add(new TimelineEntry(now, "assigned", owner is null ? "Owner cleared" : $"Owner set to {owner}", actor));
        state.UpdatedAt = now;
        return true;
    }
}
