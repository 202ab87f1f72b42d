using System.Collections.Concurrent;
using System.Text;
using AiOps.Core.Journal;

namespace AiOps.Core.Tests.Journal;

public sealed class IngestJournalTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiops-journal-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Entries_past_the_checkpoint_come_back_in_order_after_a_reopen()
    {
        await using (var journal = Open(_ => { }))
        {
            await journal.AppendAsync(Items("a", "b"));
            await journal.AppendAsync(Items("c"));
        }

        await using var reopened = Open(_ => { });
        Assert.Equal(["a", "b", "c"], reopened.ReadUncheckpointed().Select(Text));
        Assert.Equal([1L, 2L, 3L], reopened.ReadUncheckpointed().Select(e => e.Lsn));
        Assert.Equal(3, reopened.CommittedLsn);
    }

    [Fact]
    public async Task A_checkpoint_is_kept_and_sequence_numbers_are_never_reused()
    {
        await using (var journal = Open(_ => { }))
        {
            await journal.AppendAsync(Items("a", "b", "c"));
            journal.Checkpoint(2);
        }

        await using (var reopened = Open(_ => { }))
        {
            Assert.Equal(["c"], reopened.ReadUncheckpointed().Select(Text));
            Assert.Equal(2, reopened.CheckpointLsn);
            Assert.Equal(4, await reopened.AppendAsync(Items("d")));
            reopened.Checkpoint(4);
        }

        await using var third = Open(_ => { });
        Assert.Empty(third.ReadUncheckpointed());
        Assert.Equal(5, await third.AppendAsync(Items("e")));
    }

    [Fact]
    public async Task After_a_crash_no_sequence_number_that_may_have_been_handed_out_is_used_again()
    {
        var handed = new ConcurrentQueue<long>();
        var crashed = Open(entries =>
        {
            foreach (var entry in entries)
            {
                handed.Enqueue(entry.Lsn);
            }
        });
        await crashed.AppendAsync(Items("a", "b", "c"));
        // A power cut: the process stops without a clean stop (this journal is never disposed while the next one
        // runs) and its entries, handed over and processed, never reached the disk.
        foreach (var segment in Directory.GetFiles(_directory, "*.wal"))
        {
            await using var file = new FileStream(segment, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(0);
        }

        await using (var reopened = Open(_ => { }))
        {
            Assert.Empty(reopened.ReadUncheckpointed());
            Assert.True(await reopened.AppendAsync(Items("d")) > handed.Max());
        }

        await crashed.DisposeAsync();
    }

    [Fact]
    public async Task A_torn_write_at_the_end_is_cut_off_and_the_journal_goes_on()
    {
        await using (var journal = Open(_ => { }))
        {
            await journal.AppendAsync(Items("kept"));
        }

        var segment = Directory.GetFiles(_directory, "*.wal").OrderBy(p => p).Last(p => new FileInfo(p).Length > 0);
        await File.AppendAllTextAsync(segment, "\u0010\u0000\u0000\u0000garbage of a write the crash interrupted");

        await using (var reopened = Open(_ => { }))
        {
            Assert.Equal(["kept"], reopened.ReadUncheckpointed().Select(Text));
            Assert.Equal(2, await reopened.AppendAsync(Items("after")));
        }

        await using var third = Open(_ => { });
        Assert.Equal(["kept", "after"], third.ReadUncheckpointed().Select(Text));
    }

    [Fact]
    public async Task Concurrent_appends_are_handed_over_in_sequence_order_with_their_items()
    {
        var seen = new ConcurrentQueue<JournalEntry>();
        await using var journal = Open(entries =>
        {
            foreach (var entry in entries)
            {
                seen.Enqueue(entry);
            }
        });

        var firsts = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => journal.AppendAsync(Items($"{i}-x", $"{i}-y")))));

        var order = seen.ToList();
        Assert.Equal(400, order.Count);
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), order.Select(e => e.Lsn));
        Assert.Equal(200, firsts.Distinct().Count());
        foreach (var first in firsts)
        {
            var x = order.Single(e => e.Lsn == first);
            var y = order.Single(e => e.Lsn == first + 1);
            Assert.Equal(Text(x).Replace("-x", "-y", StringComparison.Ordinal), Text(y));
            Assert.Same(x.Item, x.Item);
            Assert.NotNull(x.Item);
        }
    }

    [Fact]
    public async Task Checkpointed_segments_are_deleted_and_the_rest_survive()
    {
        var options = new JournalOptions { SegmentBytes = 256 };
        await using (var journal = IngestJournal.Open(_directory, options, _ => { }))
        {
            for (var i = 0; i < 20; i++)
            {
                await journal.AppendAsync(Items(new string('x', 100) + i));
            }

            Assert.True(Directory.GetFiles(_directory, "*.wal").Length > 5);
            journal.Checkpoint(15);
            Assert.True(Directory.GetFiles(_directory, "*.wal").Length < 5);
        }

        await using var reopened = IngestJournal.Open(_directory, options, _ => { });
        Assert.Equal(Enumerable.Range(15, 5).Select(i => new string('x', 100) + i), reopened.ReadUncheckpointed().Select(Text));
    }

    [Fact]
    public async Task An_entry_over_the_limit_is_refused_before_anything_is_written()
    {
        await using var journal = IngestJournal.Open(_directory, new JournalOptions { MaxEntryBytes = 10 }, _ => { });
        Assert.Throws<ArgumentException>(() => { _ = journal.AppendAsync(Items("short", "much longer than ten bytes")); });
        Assert.Equal(0, journal.CommittedLsn);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IngestJournal Open(Action<IReadOnlyList<JournalEntry>> onCommitted) =>
        IngestJournal.Open(_directory, new JournalOptions(), onCommitted);

    private static List<(ReadOnlyMemory<byte>, object?)> Items(params string[] texts) =>
        texts.Select(t => ((ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(t), (object?)t)).ToList();

    private static string Text(JournalEntry entry) => Encoding.UTF8.GetString(entry.Payload.Span);
}
