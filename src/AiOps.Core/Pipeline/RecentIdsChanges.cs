namespace AiOps.Core.Pipeline;

/// <summary>The ids a <see cref="RecentIds"/> took since it was last saved, and how many it held then.</summary>
[GenerateSerializer, Immutable, Alias("aiops.recent-ids-changes.v1")]
public sealed record RecentIdsChanges([property: Id(0)] List<string> Appended, [property: Id(1)] int Count);
