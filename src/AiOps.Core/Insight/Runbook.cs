namespace AiOps.Core.Insight;

/// <summary>A runbook shipped under <c>policies/runbooks/</c>: what an engineer checks and does for an incident type.</summary>
public sealed record Runbook(string Id, string Title, string Risk, IReadOnlyList<string> IncidentTypes, string Body);
