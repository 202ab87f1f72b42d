namespace AiOps.Core.Ingest;

/// <summary>Why the item at <paramref name="Index"/> (0-based) of a batch was rejected.</summary>
public sealed record IngestItemError(int Index, string Error);
