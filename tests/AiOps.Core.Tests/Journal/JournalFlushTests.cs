using System.Collections.Concurrent;
using System.Text;
using AiOps.Core.Journal;
using Microsoft.Win32.SafeHandles;

namespace AiOps.Core.Tests.Journal;

/// <summary>The journal's flushes to the disk run beside its writer: a slow or failing disk, put in the fsync's place.</summary>
public sealed class JournalFlushTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiops-journal-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<long> _handed = new();

    [Fact]
    public async Task The_next_group_is_handed_over_while_the_flush_before_it_is_still_running()
    {
        using var flushing = new SemaphoreSlim(0);
        using var disk = new SemaphoreSlim(0);
        await using var journal = Open(handle =>
        {
            flushing.Release();
            Assert.True(disk.Wait(Deadline), "the test never let the flush finish");
            RandomAccess.FlushToDisk(handle);
        });

        var first = journal.AppendAsync(Items("a"));
        Assert.True(await flushing.WaitAsync(Deadline), "the first group's flush never started");
        var second = journal.AppendAsync(Items("b"));

        await Poll.UntilAsync(() => _handed.Contains(2), "the second group was not handed over while the first one's flush ran", Deadline);
        Assert.False(first.IsCompleted, "the first 202 went out before its flush finished");
        Assert.False(second.IsCompleted, "the second 202 went out before any flush covered it");
        Assert.Equal(0, journal.CommittedLsn);

        disk.Release(int.MaxValue / 2);
        Assert.Equal(1, await first.WaitAsync(Deadline));
        Assert.Equal(2, await second.WaitAsync(Deadline));
        Assert.Equal(2, journal.CommittedLsn);
    }

    [Fact]
    public async Task A_failed_flush_fails_its_appends_and_the_journal_goes_on_with_new_numbers()
    {
        var failures = 1;
        await using (var journal = Open(handle =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                throw new IOException("simulated disk error");
            }

            RandomAccess.FlushToDisk(handle);
        }))
        {
            var error = await Assert.ThrowsAsync<IOException>(() => journal.AppendAsync(Items("a")).WaitAsync(Deadline));
            Assert.Contains("simulated disk error", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, journal.CommittedLsn);

            // Entry 1 was handed over before its flush failed: its number stays used.
            Assert.Equal(2, await journal.AppendAsync(Items("b")).WaitAsync(Deadline));
            Assert.Equal(2, journal.CommittedLsn);
            Assert.Equal([1L, 2L], _handed);
        }
    }

    [Fact]
    public async Task A_flush_that_fails_in_an_unexpected_way_still_answers_and_the_journal_goes_on()
    {
        var failures = 1;
        await using var journal = Open(handle =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                throw new InvalidOperationException("not an I/O error");
            }

            RandomAccess.FlushToDisk(handle);
        });

        await Assert.ThrowsAsync<IOException>(() => journal.AppendAsync(Items("a")).WaitAsync(Deadline));
        Assert.Equal(2, await journal.AppendAsync(Items("b")).WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_group_of_thousands_of_entries_is_written_whole_and_read_back_in_order()
    {
        // More entries than one gathered write takes (IOV_MAX is 1,024 buffers on Linux, two per entry here).
        var texts = Enumerable.Range(0, 5_000).Select(i => $"entry-{i}-" + new string('x', i % 37)).ToArray();
        await using (var journal = Open(RandomAccess.FlushToDisk))
        {
            Assert.Equal(1, await journal.AppendAsync(Items(texts)).WaitAsync(Deadline));
            Assert.Equal(texts.Length, journal.CommittedLsn);
        }

        await using var reopened = IngestJournal.Open(_directory, new JournalOptions(), _ => { });
        Assert.Equal(texts, reopened.ReadUncheckpointed().Select(e => Encoding.UTF8.GetString(e.Payload.Span)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IngestJournal Open(Action<SafeFileHandle> flushToDisk) =>
        IngestJournal.Open(_directory, new JournalOptions(), entries =>
        {
            foreach (var entry in entries)
            {
                _handed.Enqueue(entry.Lsn);
            }
        }, flushToDisk);

    private static List<(ReadOnlyMemory<byte>, object?)> Items(params string[] texts) =>
        texts.Select(t => ((ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(t), (object?)t)).ToList();
}
