namespace AiOps.Insight;

/// <summary>An incident that needs an insight (it opened or its severity rose), or a resolved one to learn from.</summary>
public sealed record InsightRequest(string IncidentId, string ShipId, int Priority, DateTimeOffset RequestedAt, InsightWork Work);
