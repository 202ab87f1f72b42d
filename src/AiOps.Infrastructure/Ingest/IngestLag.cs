namespace AiOps.Infrastructure.Ingest;

/// <summary>The Fast Path's backlog: how old the oldest accepted, unprocessed event is, and how many wait.</summary>
public readonly record struct IngestLag(TimeSpan OldestAge, long PendingEvents);
