using System.Globalization;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace AiOps.Core.Journal;

/// <summary>
/// The write-ahead log behind a <c>202</c>: accepted events are appended here and flushed to the disk before the
/// answer goes out. Appends from concurrent requests are written together (group commit), so one flush serves
/// many requests and throughput holds. Every entry is handed to <c>onCommitted</c> in sequence order, from the
/// writer alone, so the consumer sees entries exactly in the order of their sequence numbers.
/// <para>
/// An entry is handed over once the operating system has it, while its flush to the disk is still under way, so
/// the Fast Path does not wait for the fsync; only the <c>202</c> does. The flushes run beside the writer
/// (<see cref="JournalFlusher"/>), so neither does the next group wait for this one's. Should the flush fail or the power go,
/// an entry may have been processed and then not kept: its sender had no <c>202</c> and sends it again, and the
/// correlation's tracking-id dedup takes the anomaly once. What must never happen is a later entry getting the
/// sequence number of one that was processed and lost (consumers skip numbers they have seen): numbers are
/// reserved on the disk ahead of use (<see cref="ReserveBlock"/> at a time), a restart after a crash continues
/// past the reservation, and a failed group's numbers are not used again.
/// </para>
/// The consumer reports how far its work is durable with <see cref="Checkpoint"/>; after a crash the entries
/// past the checkpoint are read back with <see cref="ReadUncheckpointed"/> and processed again.
/// </summary>
public sealed class IngestJournal : IAsyncDisposable
{
    private const string CheckpointFile = "checkpoint";
    private const string IdFile = "journal.id";
    private const string ReservedFile = "reserved";

    /// <summary>Sequence numbers reserved on the disk at a time: one extra flush per this many entries.</summary>
    public const long ReserveBlock = 1_000_000;

    private readonly string _directory;
    private readonly JournalOptions _options;
    private readonly Action<IReadOnlyList<JournalEntry>> _onCommitted;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _checkpointGate = new();
    private readonly List<JournalEntry> _uncheckpointed;
    private readonly Task _writer;
    private readonly JournalFlusher? _flusher;
    private SafeFileHandle _segment;
    private long _position;
    private long _nextLsn;
    private long _committedLsn;
    private long _checkpointLsn;
    private long _reservedLsn;

    private IngestJournal(string directory, JournalOptions options, Action<IReadOnlyList<JournalEntry>> onCommitted, Action<SafeFileHandle>? flushToDisk)
    {
        _directory = directory;
        _options = options;
        _onCommitted = onCommitted;
        Directory.CreateDirectory(directory);
        Id = ReadOrCreateId(directory);
        _checkpointLsn = ReadCheckpoint(directory);
        (_uncheckpointed, var lastLsn) = JournalSegments.Recover(directory, _checkpointLsn);
        _committedLsn = Math.Max(lastLsn, _checkpointLsn);
        // After a crash, numbers up to the reservation may have been handed out with entries that were lost.
        _nextLsn = Math.Max(_committedLsn, ReadLong(directory, ReservedFile)) + 1;
        _reservedLsn = _nextLsn - 1;
        _segment = OpenSegment(_nextLsn);
        _flusher = options.FlushToDisk ? new JournalFlusher(lsn => Interlocked.Exchange(ref _committedLsn, lsn), flushToDisk) : null;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Names this journal, so a consumer can tell its sequence numbers from another journal's.</summary>
    public string Id { get; }

    /// <summary>The last sequence number written and flushed.</summary>
    public long CommittedLsn => Interlocked.Read(ref _committedLsn);

    /// <summary>Everything up to here has been processed durably; entries past it are replayed after a crash.</summary>
    public long CheckpointLsn => Interlocked.Read(ref _checkpointLsn);

    public static IngestJournal Open(string directory, JournalOptions options, Action<IReadOnlyList<JournalEntry>> onCommitted) =>
        new(directory, options, onCommitted, null);

    /// <summary>A journal whose fsync is <paramref name="flushToDisk"/>: for tests of a slow or failing disk.</summary>
    internal static IngestJournal Open(string directory, JournalOptions options, Action<IReadOnlyList<JournalEntry>> onCommitted, Action<SafeFileHandle> flushToDisk) =>
        new(directory, options, onCommitted, flushToDisk);

    /// <summary>The entries found past the checkpoint when the journal was opened, in order (a crash's leftovers).</summary>
    public IReadOnlyList<JournalEntry> ReadUncheckpointed() => _uncheckpointed;

    /// <summary>Appends the payloads as consecutive entries; completes once they are on the disk, with the first sequence number.</summary>
    public Task<long> AppendAsync(IReadOnlyList<(ReadOnlyMemory<byte> Payload, object? Item)> items)
    {
        foreach (var (payload, _) in items)
        {
            if (payload.Length > _options.MaxEntryBytes)
            {
                throw new ArgumentException($"a journal entry of {payload.Length} bytes is over the limit of {_options.MaxEntryBytes}", nameof(items));
            }
        }

        var pending = new PendingAppend(items);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IngestJournal));
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// Records that every entry up to <paramref name="lsn"/> has been processed durably, and deletes the segments
    /// that hold nothing newer.
    /// </summary>
    public void Checkpoint(long lsn)
    {
        lock (_checkpointGate)
        {
            if (lsn <= _checkpointLsn)
            {
                return;
            }

            WriteLong(CheckpointFile, lsn, _options.FlushToDisk);
            Interlocked.Exchange(ref _checkpointLsn, lsn);
            JournalSegments.DeleteCheckpointed(_directory, lsn);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
        if (_flusher is not null)
        {
            await _flusher.CompleteAsync();
        }

        _segment.Dispose();
        // A clean stop: nothing past the last number used can have been handed out, so the next start goes on from it.
        WriteLong(ReservedFile, _nextLsn - 1, _options.FlushToDisk);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            var group = new List<PendingAppend>();
            long groupBytes = 0;
            while (groupBytes < 16 * 1024 * 1024 && reader.TryRead(out var next))
            {
                group.Add(next);
                foreach (var (payload, _) in next.Items)
                {
                    groupBytes += payload.Length + JournalSegmentFormat.HeaderBytes;
                }
            }

            WriteGroup(group);
        }
    }

    /// <summary>
    /// Writes one group commit: every entry to the operating system in one call, the hand-over, then the flush to
    /// the disk and the answers, which the flusher gives while this goes on with the next group.
    /// </summary>
    private void WriteGroup(List<PendingAppend> group)
    {
        var startPosition = _position;
        var startLsn = _nextLsn;
        var committed = new List<JournalEntry>();
        try
        {
            var count = group.Sum(append => append.Items.Count);
            var headers = new byte[count * JournalSegmentFormat.HeaderBytes];
            var buffers = new List<ReadOnlyMemory<byte>>(count * 2);
            long bytes = 0;
            foreach (var append in group)
            {
                append.FirstLsn = _nextLsn;
                foreach (var (payload, item) in append.Items)
                {
                    var header = headers.AsMemory(committed.Count * JournalSegmentFormat.HeaderBytes, JournalSegmentFormat.HeaderBytes);
                    JournalSegmentFormat.WriteHeader(header.Span, _nextLsn, payload.Span);
                    buffers.Add(header);
                    buffers.Add(payload);
                    bytes += header.Length + payload.Length;
                    committed.Add(new JournalEntry(_nextLsn, payload, item));
                    _nextLsn++;
                }
            }

            RandomAccess.Write(_segment, buffers, _position);
            _position += bytes;
            if (_nextLsn - 1 > _reservedLsn)
            {
                WriteLong(ReservedFile, _nextLsn - 1 + ReserveBlock, _options.FlushToDisk);
                _reservedLsn = _nextLsn - 1 + ReserveBlock;
            }
        }
        catch (Exception e)
        {
            // Nothing of this group was handed over: its numbers may be used again.
            Fail(group, startPosition, e);
            _nextLsn = startLsn;
            return;
        }

        _onCommitted(committed);
        if (_flusher is null)
        {
            Interlocked.Exchange(ref _committedLsn, _nextLsn - 1);
            PendingAppend.Succeed(group);
        }
        else
        {
            _flusher.Flush(_segment, group, _nextLsn - 1);
        }

        if (_position >= _options.SegmentBytes)
        {
            var full = _segment;
            _segment = OpenSegment(_nextLsn);
            _position = 0;
            if (_flusher is null)
            {
                full.Dispose();
            }
            else
            {
                _flusher.Retire(full);
            }
        }
    }

    /// <summary>Cuts the group off, so the segment stays a clean sequence, and fails its appends.</summary>
    private void Fail(List<PendingAppend> group, long startPosition, Exception error)
    {
        try
        {
            RandomAccess.SetLength(_segment, startPosition);
            _position = startPosition;
        }
        catch (IOException)
        {
            // The next group fails the same way and says so; a restart recovers up to the last valid entry.
        }

        PendingAppend.Fail(group, "written", error);
    }

    private void WriteLong(string name, long value, bool flushToDisk)
    {
        var temporary = Path.Combine(_directory, name + ".tmp");
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));
            file.Flush(flushToDisk);
        }

        File.Move(temporary, Path.Combine(_directory, name), overwrite: true);
    }

    private SafeFileHandle OpenSegment(long firstLsn)
    {
        var path = Path.Combine(_directory, JournalSegmentFormat.FileName(firstLsn));
        // A segment of that name can only be an empty leftover (its entries were cut off as torn): start it afresh.
        return File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read);
    }

    private static long ReadCheckpoint(string directory) => ReadLong(directory, CheckpointFile);

    private static long ReadLong(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var lsn) ? lsn : 0;
    }

    private static string ReadOrCreateId(string directory)
    {
        var path = Path.Combine(directory, IdFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var id = Guid.NewGuid().ToString("N");
        File.WriteAllText(path, id);
        return id;
    }
}
