namespace AiOps.Insight;

/// <summary>An incident that needs an insight (it opened or its severity rose), or a resolved one to learn from.</summary>
public sealed record InsightRequest(string IncidentId, string ShipId, int Priority, DateTimeOffset RequestedAt, InsightWork Work)
{
    /// <summary>When the queue took it (set by the queue): the insight's budget for the model runs from here.</summary>
    public DateTimeOffset? QueuedAt { get; init; }
}
