namespace AiOps.Core.Insight;

/// <summary>
/// One retrieved document the model may cite: a runbook, a past resolved incident or a policy section.
/// <paramref name="Id"/> is what a citation must name to be kept.
/// </summary>
public sealed record ContextDocument(string Id, string Kind, string Title, string Text, double Score, string? Risk = null);
