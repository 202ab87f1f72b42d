namespace AiOps.Core.Ingest;

/// <summary>The outcome of parsing one request body.</summary>
public sealed record IngestBatch<T>(IReadOnlyList<T> Accepted, IReadOnlyList<IngestItemError> Errors, string? Problem)
{
    public static IngestBatch<T> Unreadable(string problem) => new([], [], problem);
}
