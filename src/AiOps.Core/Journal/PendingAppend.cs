namespace AiOps.Core.Journal;

/// <summary>One caller's entries on their way into the journal, and the answer it waits for (the first sequence number).</summary>
internal sealed class PendingAppend(IReadOnlyList<(ReadOnlyMemory<byte> Payload, object? Item)> items)
{
    public IReadOnlyList<(ReadOnlyMemory<byte> Payload, object? Item)> Items { get; } = items;

    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long FirstLsn { get; set; }

    public static void Succeed(IReadOnlyList<PendingAppend> group)
    {
        foreach (var append in group)
        {
            append.Completion.TrySetResult(append.FirstLsn);
        }
    }

    public static void Fail(IReadOnlyList<PendingAppend> group, string what, Exception error)
    {
        foreach (var append in group)
        {
            append.Completion.TrySetException(new IOException($"the ingest journal could not be {what}: {error.Message}", error));
        }
    }
}
