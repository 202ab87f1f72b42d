namespace AiOps.Core.Journal;

/// <summary>
/// One durable entry of the ingest journal: its log sequence number, its bytes, and (for entries appended by
/// this process) the object they were made from, so the consumer need not decode what it already has.
/// </summary>
public readonly record struct JournalEntry(long Lsn, ReadOnlyMemory<byte> Payload, object? Item);
