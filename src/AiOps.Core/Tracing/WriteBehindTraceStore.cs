using System.Threading.Channels;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using Polly;
using Polly.Retry;

namespace AiOps.Core.Tracing;

/// <summary>
/// The write-behind half of a trace store: records go into a bounded in-memory buffer and one background writer
/// takes the whole buffer at a time and hands it to <see cref="WriteBatchAsync"/> in batches of
/// <c>trace.write_batch_size</c>, retrying a failed batch after <c>trace.retry_delay_ms</c>. Under load the batches
/// form by themselves (everything recorded while the previous batch was written); when idle a record is written at
/// once. A recorder that finds <c>trace.write_behind_max_pending</c> traces waiting waits up to
/// <c>trace.full_wait_ms</c> for room (back-pressure on the Fast Path) and only then drops its traces, counting them.
/// </summary>
public abstract class WriteBehindTraceStore : ITraceStore, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<TraceSettings> _settings;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];
    private readonly SemaphoreSlim _room = new(0);
    private PendingTrace[] _items = new PendingTrace[256];
    private PendingTrace[] _spare = new PendingTrace[256];
    private int _count;
    private int _pending;
    private int _roomWaiters;
    private long _recorded;
    private long _written;
    private long _dropped;
    private long _lastDropReport = -1000;
    private bool _stopping;
    private (int DelayMs, ResiliencePipeline Pipeline)? _retry;
    private bool _closed;
    private Task? _writer;

    protected WriteBehindTraceStore(Func<TraceSettings> settings) => _settings = settings;

    public int Pending => Volatile.Read(ref _pending);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(IReadOnlyList<TraceRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        if (!WaitForRoom(records.Count))
        {
            Drop(records.Count);
            return;
        }

        bool wake;
        lock (_gate)
        {
            wake = _count == 0;
            foreach (var record in records)
            {
                Add(new PendingTrace(record.TrackingId, 0, 0, record));
            }

            _recorded += records.Count;
        }

        if (wake)
        {
            Wake();
        }
    }

    public void RecordNormal(string trackingId, DateTimeOffset ingestedAt, DateTimeOffset detectedAt)
    {
        if (!WaitForRoom(1))
        {
            Drop(1);
            return;
        }

        bool wake;
        lock (_gate)
        {
            wake = _count == 0;
            Add(new PendingTrace(trackingId, ingestedAt.UtcTicks, detectedAt.UtcTicks, null));
            _recorded++;
        }

        if (wake)
        {
            Wake();
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_written >= _recorded)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((_recorded, done));
        }

        Wake();
        return done.Task.WaitAsync(cancellationToken);
    }

    public abstract Task<TraceRecord?> GetAsync(string trackingId, CancellationToken cancellationToken = default);

    public abstract Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Writes one batch durably (one transaction or one pipeline); throws when it could not.</summary>
    protected abstract Task WriteBatchAsync(ArraySegment<PendingTrace> batch);

    /// <summary>A batch failed (it is retried unless the store is stopping).</summary>
    protected virtual void OnWriteFailed(Exception error, int count, int attempt)
    {
    }

    /// <summary>Traces were dropped (the buffer stayed full, the store was closed, or it failed while stopping);
    /// called at most once a second with the total so far.</summary>
    protected virtual void OnDropped(long total)
    {
    }

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>Starts the background writer; call at the end of the derived constructor.</summary>
    protected void StartWriter() => _writer = Task.Run(WriteLoopAsync);

    /// <summary>Writes what is buffered, stops the writer and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        _wake.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        await DisposeCoreAsync();
        _room.Dispose();
        GC.SuppressFinalize(this);
    }

    private bool WaitForRoom(int count)
    {
        var deadline = 0L;
        while (true)
        {
            var settings = _settings();
            lock (_gate)
            {
                if (_closed)
                {
                    return false;
                }

                if (_pending == 0 || _pending + count <= settings.WriteBehindMaxPending)
                {
                    _pending += count;
                    return true;
                }

                deadline = deadline == 0 ? Environment.TickCount64 + settings.FullWaitMs : deadline;
                _roomWaiters++;
            }

            Wake();
            var left = deadline - Environment.TickCount64;
            var signalled = left > 0 && _room.Wait(TimeSpan.FromMilliseconds(left));
            lock (_gate)
            {
                _roomWaiters--;
            }

            if (!signalled && Environment.TickCount64 >= deadline)
            {
                lock (_gate)
                {
                    if (_pending + count <= settings.WriteBehindMaxPending)
                    {
                        _pending += count;
                        return true;
                    }
                }

                return false;
            }
        }
    }

    private void Drop(int count)
    {
        var total = Interlocked.Add(ref _dropped, count);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropReport);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastDropReport, now, last) == last)
        {
            OnDropped(total);
        }
    }

    private void Add(in PendingTrace trace)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = trace;
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            PendingTrace[]? taken = null;
            var count = 0;
            lock (_gate)
            {
                if (_count > 0)
                {
                    (taken, count, _items, _count) = (_items, _count, _spare, 0);
                }
                else if (_stopping)
                {
                    _closed = true;
                    return;
                }
            }

            if (taken is null)
            {
                if (await _wake.Reader.WaitToReadAsync())
                {
                    _wake.Reader.TryRead(out _);
                }

                continue;
            }

            await WriteAllAsync(taken, count);
            Array.Clear(taken, 0, count);
            lock (_gate)
            {
                _spare = taken;
            }
        }
    }

    private async Task WriteAllAsync(PendingTrace[] taken, int count)
    {
        var settings = _settings();
        var retry = RetryUntilStopping(settings.RetryDelayMs);
        for (var start = 0; start < count; start += settings.WriteBatchSize)
        {
            var batch = new ArraySegment<PendingTrace>(taken, start, Math.Min(settings.WriteBatchSize, count - start));
            var attempt = 0;
            Exception? failure = null;
            try
            {
                await retry.ExecuteAsync(async _ =>
                {
                    attempt++;
                    try
                    {
                        await WriteBatchAsync(batch);
                    }
                    catch (Exception e)
                    {
                        OnWriteFailed(e, batch.Count, attempt);
                        throw;
                    }
                });
            }
            catch (Exception e)
            {
                failure = e;
                Drop(batch.Count);
            }

            Written(batch.Count, failure);
        }
    }

    /// <summary>
    /// A failed batch is written again every <c>trace.retry_delay_ms</c> for as long as the store runs: the traces
    /// are what the log position waits for. Once the store stops, the failure stands and the batch is dropped.
    /// </summary>
    private ResiliencePipeline RetryUntilStopping(int retryDelayMs)
    {
        // Built again only when the policy's delay changes, not on every pass of the writer.
        if (_retry is not { } cached || cached.DelayMs != retryDelayMs)
        {
            _retry = cached = (retryDelayMs, new ResiliencePipelineBuilder { Name = "aiops-trace-write" }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Constant,
                    Delay = TimeSpan.FromMilliseconds(retryDelayMs),
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !Volatile.Read(ref _stopping)),
                })
                .Build());
        }

        return cached.Pipeline;
    }

    private void Written(int count, Exception? failure)
    {
        int waiters;
        lock (_gate)
        {
            _pending -= count;
            _written += count;
            for (var i = _flushes.Count - 1; i >= 0; i--)
            {
                if (_flushes[i].Target <= _written)
                {
                    if (failure is null)
                    {
                        _flushes[i].Done.TrySetResult();
                    }
                    else
                    {
                        _flushes[i].Done.TrySetException(new IOException("The trace store could not write traces before it stopped", failure));
                    }

                    _flushes.RemoveAt(i);
                }
            }

            waiters = _roomWaiters;
        }

        if (waiters > 0)
        {
            _room.Release(waiters);
        }
    }
}
