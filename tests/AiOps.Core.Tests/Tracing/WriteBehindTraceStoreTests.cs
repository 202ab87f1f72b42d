using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;

namespace AiOps.Core.Tests.Tracing;

public sealed class WriteBehindTraceStoreTests
{
    [Fact]
    public async Task A_full_buffer_makes_the_recorder_wait_for_room_instead_of_dropping()
    {
        await using var store = new GatedStore(new TraceSettings { WriteBehindMaxPending = 1, WriteBatchSize = 10, FullWaitMs = 30_000, RetryDelayMs = 10 });
        store.RecordNormal("a", Make.T0, Make.T0);
        await store.Writing.Task;

        var second = Task.Run(() => store.RecordNormal("b", Make.T0, Make.T0));
        Assert.False(second.IsCompleted);
        store.Gate.SetResult();
        await second;
        await store.FlushAsync();

        Assert.Equal(["a", "b"], store.Written);
        Assert.Equal(0, store.Dropped);
        Assert.Equal(0, store.Pending);
    }

    [Fact]
    public async Task A_buffer_that_stays_full_drops_after_the_wait_and_counts_it()
    {
        await using var store = new GatedStore(new TraceSettings { WriteBehindMaxPending = 1, WriteBatchSize = 10, FullWaitMs = 20, RetryDelayMs = 10 });
        store.RecordNormal("a", Make.T0, Make.T0);
        await store.Writing.Task;

        store.Record([new TraceRecord { TrackingId = "b", Status = "complete", Stages = [new("ingested", Make.T0, "ok")] }]);

        Assert.Equal(1, store.Dropped);
        var flushed = store.FlushAsync();
        Assert.False(flushed.IsCompleted);
        store.Gate.SetResult();
        await flushed;
        Assert.Equal(["a"], store.Written);
    }

    [Fact]
    public async Task A_failed_batch_is_written_again()
    {
        await using var store = new GatedStore(new TraceSettings { WriteBehindMaxPending = 100, WriteBatchSize = 2, FullWaitMs = 1000, RetryDelayMs = 1 }) { FailuresLeft = 2 };
        store.Gate.SetResult();
        for (var i = 0; i < 5; i++)
        {
            store.RecordNormal($"t{i}", Make.T0, Make.T0);
        }

        await store.FlushAsync();

        Assert.Equal(["t0", "t1", "t2", "t3", "t4"], store.Written.Order());
        Assert.Equal(0, store.Pending);
    }

    private sealed class GatedStore : WriteBehindTraceStore
    {
        public GatedStore(TraceSettings settings) : base(() => settings) => StartWriter();

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Written { get; } = [];

        public int FailuresLeft { get; set; }

        public override Task<TraceRecord?> GetAsync(string trackingId, CancellationToken cancellationToken = default) => Task.FromResult<TraceRecord?>(null);

        public override Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.FromResult(0);

        protected override async Task WriteBatchAsync(ArraySegment<PendingTrace> batch)
        {
            Writing.TrySetResult();
            await Gate.Task;
            if (FailuresLeft-- > 0)
            {
                throw new IOException("store down");
            }

            lock (Written)
            {
                Written.AddRange(batch.Select(t => t.TrackingId));
            }
        }
    }
}
