using AiOps.Core.Analytics;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Core.Tests.Analytics;

public sealed class WriteBehindBufferTests
{
    [Fact]
    public async Task Rows_are_written_in_order_and_in_batches()
    {
        var buffer = new WriteBehindBuffer<int>(100, 4, TimeSpan.FromSeconds(30), new FakeTimeProvider(Make.T0));
        var batches = new List<IReadOnlyList<int>>();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(buffer.TryAdd(i));
        }

        var written = await buffer.FlushAsync((rows, _) => { batches.Add(rows); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(10, written);
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public async Task An_outage_keeps_every_row_within_the_bound_and_retries_after_a_backoff()
    {
        var clock = new FakeTimeProvider(Make.T0);
        var buffer = new WriteBehindBuffer<int>(5, 10, TimeSpan.FromSeconds(1), clock);
        var store = new List<int>();
        var down = true;
        Task Write(IReadOnlyList<int> rows, CancellationToken _)
        {
            if (down)
            {
                throw new IOException("store down");
            }

            store.AddRange(rows);
            return Task.CompletedTask;
        }

        for (var i = 0; i < 7; i++)
        {
            buffer.TryAdd(i);
        }

        await Assert.ThrowsAsync<IOException>(() => buffer.FlushAsync(Write, CancellationToken.None));
        down = false;
        Assert.Equal(0, await buffer.FlushAsync(Write, CancellationToken.None)); // still backing off
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(5, await buffer.FlushAsync(Write, CancellationToken.None));

        Assert.Equal([0, 1, 2, 3, 4], store);
        Assert.Equal(2, buffer.Dropped);
        Assert.Equal(1, buffer.Failures);
    }

    [Fact]
    public async Task Backoff_doubles_up_to_its_limit()
    {
        var clock = new FakeTimeProvider(Make.T0);
        var buffer = new WriteBehindBuffer<int>(5, 10, TimeSpan.FromMilliseconds(300), clock);
        buffer.TryAdd(1);
        var attempts = 0;
        Task Fail(IReadOnlyList<int> rows, CancellationToken _)
        {
            attempts++;
            throw new IOException("down");
        }

        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(299));
            try
            {
                await buffer.FlushAsync(Fail, CancellationToken.None);
            }
            catch (IOException)
            {
                // expected while the store is down
            }
        }

        // 100 ms, 200 ms, then 300 ms (the limit): attempts at 0, 299, 598, 897 and 1196 ms... with waits honoured.
        Assert.InRange(attempts, 3, 4);
        Assert.Equal(1, buffer.Count);
    }
}
