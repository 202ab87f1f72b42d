using AiOps.Contracts.Messages;

namespace AiOps.Insight;

/// <summary>An incident that needs an insight (it opened or its severity rose), or a resolved one to learn from.</summary>
public sealed record InsightRequest(string IncidentId, string ShipId, int Priority, DateTimeOffset RequestedAt, InsightWork Work)
{
    /// <summary>When the queue took it (set by the queue): the insight's budget for the model runs from here.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>
    /// The incident as it was when asked, so the worker need not call back into its grain for it. A request waits
    /// at most half of llm.yaml <c>insight_budget_ms</c> for the model before it is answered without it, and a
    /// repeat while it waits brings the newer incident, so the narrative is never older than that. Null: the
    /// worker reads the incident from its grain.
    /// </summary>
    public Incident? Incident { get; init; }
}
