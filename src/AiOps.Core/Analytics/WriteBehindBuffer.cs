namespace AiOps.Core.Analytics;

/// <summary>
/// Rows on their way to the analytics store. Adding never waits: beyond the bound a row is refused and counted.
/// A flush writes the oldest rows in batches; a failed batch stays at the head and is retried after a backoff
/// that doubles up to a limit, so an outage loses nothing that fits in the buffer.
/// </summary>
public sealed class WriteBehindBuffer<T>(int capacity, int batchSize, TimeSpan maxBackoff, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<T> _rows = new();
    private TimeSpan _backoff = TimeSpan.Zero;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    public long Dropped { get; private set; }

    public long Written { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Adds a row; false (and counted as dropped) when the buffer is full.</summary>
    public bool TryAdd(T row)
    {
        lock (_gate)
        {
            if (_rows.Count >= capacity)
            {
                Dropped++;
                return false;
            }

            _rows.AddLast(row);
            return true;
        }
    }

    /// <summary>Writes batches until the buffer is empty or a write fails; returns the rows written.</summary>
    public async Task<int> FlushAsync(Func<IReadOnlyList<T>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var written = 0;
        while (true)
        {
            List<T> batch;
            lock (_gate)
            {
                if (_rows.Count == 0 || clock.GetUtcNow() < _retryAt)
                {
                    return written;
                }

                batch = _rows.Take(batchSize).ToList();
            }

            try
            {
                await write(batch, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (_gate)
                {
                    Failures++;
                    _backoff = _backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, maxBackoff.Ticks));
                    _retryAt = clock.GetUtcNow() + _backoff;
                }

                throw;
            }

            lock (_gate)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    _rows.RemoveFirst();
                }

                Written += batch.Count;
                _backoff = TimeSpan.Zero;
                _retryAt = DateTimeOffset.MinValue;
            }

            written += batch.Count;
        }
    }
}
