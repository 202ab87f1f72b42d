namespace AiOps.Core.Logs;

/// <summary>The template a line joined; <see cref="IsNew"/> when the line created it.</summary>
public readonly record struct TemplateMatch(LogTemplate Template, bool IsNew);
