using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace AiOps.Core.Journal;

/// <summary>
/// The journal's flushes to the disk, on a loop of their own. While one fsync runs, the writer goes on writing and
/// handing over the groups that follow, so an event never waits for the flush of the group before its own; only
/// its <c>202</c> waits, for its own group's flush. A flush serves every group written before it started: the
/// groups queued meanwhile share the next one.
/// </summary>
/// <remarks>
/// Without this, a request arriving during a flush waited for it before its events were even handed over, and a
/// flush that the disk stretched (another file's large write in front of it) held the whole Fast Path.
/// </remarks>
internal sealed class JournalFlusher
{
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action<long> _durable;
    private readonly Action<SafeFileHandle> _flushToDisk;
    private readonly Task _loop;

    /// <param name="durable">Told the last sequence number on the disk after each flush, before the answers go out.</param>
    /// <param name="flushToDisk">The fsync itself; tests put a slow or failing disk in its place.</param>
    public JournalFlusher(Action<long> durable, Action<SafeFileHandle>? flushToDisk = null)
    {
        _durable = durable;
        _flushToDisk = flushToDisk ?? RandomAccess.FlushToDisk;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Flushes the segment, then answers the group, whose last entry is <paramref name="lastLsn"/>.</summary>
    public void Flush(SafeFileHandle segment, IReadOnlyList<PendingAppend> group, long lastLsn) =>
        _work.Writer.TryWrite(new Work(segment, group, lastLsn));

    /// <summary>Closes a full segment once every flush asked of it is done.</summary>
    public void Retire(SafeFileHandle segment) => _work.Writer.TryWrite(new Work(segment, null, 0));

    /// <summary>Finishes what was asked and stops.</summary>
    public Task CompleteAsync()
    {
        _work.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var reader = _work.Reader;
        var batch = new List<Work>();
        var flushed = new Dictionary<SafeFileHandle, Exception?>(ReferenceEqualityComparer.Instance);
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            // Everything in the batch was written before its first flush starts, so one flush per segment covers it.
            foreach (var work in batch)
            {
                if (work.Group is null)
                {
                    work.Segment.Dispose();
                    continue;
                }

                if (!flushed.TryGetValue(work.Segment, out var error))
                {
                    error = TryFlush(work.Segment);
                    flushed[work.Segment] = error;
                }

                if (error is null)
                {
                    _durable(work.LastLsn);
                    PendingAppend.Succeed(work.Group);
                }
                else
                {
                    // Handed over already: the numbers stay used (see IngestJournal's remarks); the senders get no 202.
                    PendingAppend.Fail(work.Group, "flushed to the disk", error);
                }
            }

            batch.Clear();
            flushed.Clear();
        }
    }

    private Exception? TryFlush(SafeFileHandle segment)
    {
        try
        {
            _flushToDisk(segment);
            return null;
        }
        catch (Exception e)
        {
            // Any failure fails the groups it should have covered; the loop itself must go on answering.
            return e;
        }
    }

    private sealed record Work(SafeFileHandle Segment, IReadOnlyList<PendingAppend>? Group, long LastLsn);
}
