namespace AiOps.Core.Journal;

/// <summary>How the ingest journal writes (from <c>ingest.yaml durability</c>).</summary>
public sealed record JournalOptions
{
    /// <summary>Flush each group commit to the disk (fsync), not only to the operating system.</summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>A segment file is closed and a new one started past this size.</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The largest single entry; a larger payload is refused (the caller splits its batches below it).</summary>
    public int MaxEntryBytes { get; init; } = 4 * 1024 * 1024;
}
