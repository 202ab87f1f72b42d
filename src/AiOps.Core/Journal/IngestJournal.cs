using System.Globalization;
using System.Threading.Channels;

namespace AiOps.Core.Journal;

/// <summary>
/// The write-ahead log behind a <c>202</c>: accepted events are appended here and flushed to the disk before the
/// answer goes out. Appends from concurrent requests are written together (group commit), so one flush serves
/// many requests and throughput holds. Every entry is handed to <c>onCommitted</c> in sequence order, from the
/// writer alone, so the consumer sees entries exactly in the order of their sequence numbers.
/// <para>
/// An entry is handed over once the operating system has it, while its flush to the disk is still under way, so
/// the Fast Path does not wait for the fsync; only the <c>202</c> does. Should the flush fail or the power go,
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
    private FileStream _segment;
    private long _nextLsn;
    private long _committedLsn;
    private long _checkpointLsn;
    private long _reservedLsn;

    private IngestJournal(string directory, JournalOptions options, Action<IReadOnlyList<JournalEntry>> onCommitted)
    {
        _directory = directory;
        _options = options;
        _onCommitted = onCommitted;
        Directory.CreateDirectory(directory);
        Id = ReadOrCreateId(directory);
        _checkpointLsn = ReadCheckpoint(directory);
        (_uncheckpointed, var lastLsn) = Recover(directory, _checkpointLsn);
        _committedLsn = Math.Max(lastLsn, _checkpointLsn);
        // After a crash, numbers up to the reservation may have been handed out with entries that were lost.
        _nextLsn = Math.Max(_committedLsn, ReadLong(directory, ReservedFile)) + 1;
        _reservedLsn = _nextLsn - 1;
        _segment = OpenSegment(_nextLsn);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Names this journal, so a consumer can tell its sequence numbers from another journal's.</summary>
    public string Id { get; }

    /// <summary>The last sequence number written and flushed.</summary>
    public long CommittedLsn => Interlocked.Read(ref _committedLsn);

    /// <summary>Everything up to here has been processed durably; entries past it are replayed after a crash.</summary>
    public long CheckpointLsn => Interlocked.Read(ref _checkpointLsn);

    public static IngestJournal Open(string directory, JournalOptions options, Action<IReadOnlyList<JournalEntry>> onCommitted) =>
        new(directory, options, onCommitted);

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
            DeleteCheckpointedSegments(lsn);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
        await _segment.DisposeAsync();
        // A clean stop: nothing past the last number used can have been handed out, so the next start goes on from it.
        WriteLong(ReservedFile, _nextLsn - 1, _options.FlushToDisk);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        var group = new List<PendingAppend>();
        var header = new byte[JournalSegmentFormat.HeaderBytes];
        while (await reader.WaitToReadAsync())
        {
            long groupBytes = 0;
            while (groupBytes < 16 * 1024 * 1024 && reader.TryRead(out var next))
            {
                group.Add(next);
                foreach (var (payload, _) in next.Items)
                {
                    groupBytes += payload.Length + JournalSegmentFormat.HeaderBytes;
                }
            }

            WriteGroup(group, header);
            group.Clear();
        }
    }

    /// <summary>
    /// Writes one group commit: every entry to the operating system, the hand-over, one flush to the disk, then the
    /// answers.
    /// </summary>
    private void WriteGroup(List<PendingAppend> group, byte[] header)
    {
        var startPosition = _segment.Position;
        var startLsn = _nextLsn;
        var committed = new List<JournalEntry>();
        try
        {
            foreach (var append in group)
            {
                append.FirstLsn = _nextLsn;
                foreach (var (payload, item) in append.Items)
                {
                    JournalSegmentFormat.WriteHeader(header, _nextLsn, payload.Span);
                    _segment.Write(header);
                    _segment.Write(payload.Span);
                    committed.Add(new JournalEntry(_nextLsn, payload, item));
                    _nextLsn++;
                }
            }

            _segment.Flush(flushToDisk: false);
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
        try
        {
            if (_options.FlushToDisk)
            {
                _segment.Flush(flushToDisk: true);
            }
        }
        catch (Exception e)
        {
            // Handed over already: its numbers stay used (see the class remarks); the senders get no 202.
            Fail(group, startPosition, e);
            return;
        }

        Interlocked.Exchange(ref _committedLsn, _nextLsn - 1);
        foreach (var append in group)
        {
            append.Completion.TrySetResult(append.FirstLsn);
        }

        if (_segment.Length >= _options.SegmentBytes)
        {
            _segment.Dispose();
            _segment = OpenSegment(_nextLsn);
        }
    }

    /// <summary>Cuts the group off, so the segment stays a clean sequence, and fails its appends.</summary>
    private void Fail(List<PendingAppend> group, long startPosition, Exception error)
    {
        try
        {
            _segment.SetLength(startPosition);
            _segment.Position = startPosition;
        }
        catch (IOException)
        {
            // The next group fails the same way and says so; a restart recovers up to the last valid entry.
        }

        foreach (var append in group)
        {
            append.Completion.TrySetException(new IOException("the ingest journal could not be written: " + error.Message, error));
        }
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

    private FileStream OpenSegment(long firstLsn)
    {
        var path = Path.Combine(_directory, JournalSegmentFormat.FileName(firstLsn));
        // A segment of that name can only be an empty leftover (its entries were cut off as torn): start it afresh.
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1024 * 1024);
    }

    private static (List<JournalEntry> Entries, long LastLsn) Recover(string directory, long checkpointLsn)
    {
        var entries = new List<JournalEntry>();
        var lastLsn = 0L;
        foreach (var path in Segments(directory).Select(s => s.Path))
        {
            var (read, validLength) = JournalSegmentFormat.Read(path, checkpointLsn);
            entries.AddRange(read);
            if (new FileInfo(path).Length > validLength)
            {
                // A torn write from a crash: what follows the last whole entry was never acknowledged.
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
                file.SetLength(validLength);
            }

            if (read.Count > 0)
            {
                lastLsn = Math.Max(lastLsn, read[^1].Lsn);
            }
            else if (validLength > 0)
            {
                lastLsn = Math.Max(lastLsn, LastLsnOf(path));
            }
        }

        return (entries, lastLsn);
    }

    private static long LastLsnOf(string path)
    {
        var (all, _) = JournalSegmentFormat.Read(path, long.MinValue);
        return all.Count == 0 ? 0 : all[^1].Lsn;
    }

    private void DeleteCheckpointedSegments(long checkpointLsn)
    {
        var segments = Segments(_directory);
        // A segment is done when the next one starts at or before the checkpoint + 1; the newest is never deleted.
        for (var i = 0; i + 1 < segments.Count; i++)
        {
            if (segments[i + 1].FirstLsn - 1 <= checkpointLsn)
            {
                File.Delete(segments[i].Path);
            }
        }
    }

    private static List<(string Path, long FirstLsn)> Segments(string directory) =>
        Directory.EnumerateFiles(directory, "*" + JournalSegmentFormat.Extension)
            .Select(path => (Path: path, FirstLsn: JournalSegmentFormat.FirstLsnOf(path)))
            .Where(s => s.FirstLsn is not null)
            .Select(s => (s.Path, s.FirstLsn!.Value))
            .OrderBy(s => s.Item2)
            .ToList();

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

    private sealed class PendingAppend(IReadOnlyList<(ReadOnlyMemory<byte> Payload, object? Item)> items)
    {
        public IReadOnlyList<(ReadOnlyMemory<byte> Payload, object? Item)> Items { get; } = items;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long FirstLsn { get; set; }
    }
}
