namespace AiOps.Core.Pipeline;

/// <summary>
/// Runs the state changes of one owner (a grain activation) one at a time, and folds the batchable calls that
/// wait together into one run, so that they share one durable write instead of each waiting for its own: a
/// correlation key that forty services feed at once otherwise waits for forty writes in series.
/// </summary>
/// <remarks>
/// Meant for a single-threaded owner (an Orleans activation, whose turns never overlap): calls may arrive while a
/// run is awaiting, but never at the same instant, so the queue needs no lock. A failed run fails every call in it,
/// and each caller retries as it would have alone. Exclusive work (a change that must not share a write with
/// others) runs alone, in arrival order with the batches.
/// </remarks>
public sealed class GroupCommitQueue<TItem, TResult>(
    Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> runBatch,
    Func<TItem, int> weightOf,
    int maxWeightPerBatch)
{
    private readonly Queue<Entry> _queue = new();
    private bool _draining;

    /// <summary>How many runs have completed (batches and exclusive work), for tests and metrics.</summary>
    public long Runs { get; private set; }

    /// <summary>Joins the next batch run and completes with this item's result.</summary>
    public Task<TResult> Batch(TItem item)
    {
        var entry = new BatchEntry(item);
        Enqueue(entry);
        return entry.Done.Task;
    }

    /// <summary>Runs <paramref name="work"/> alone, after what is queued before it.</summary>
    public Task Exclusive(Func<Task> work)
    {
        var entry = new ExclusiveEntry(work);
        Enqueue(entry);
        return entry.Done.Task;
    }

    /// <summary>Runs <paramref name="work"/> alone, after what is queued before it, and completes with its result.</summary>
    public async Task<T> Exclusive<T>(Func<Task<T>> work)
    {
        var result = default(T)!;
        await Exclusive(async () => { result = await work(); });
        return result;
    }

    private void Enqueue(Entry entry)
    {
        _queue.Enqueue(entry);
        if (!_draining)
        {
            _draining = true;
            _ = DrainAsync();
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            // Let the calls that arrive in this same turn join the first batch.
            await Task.Yield();
            while (_queue.Count > 0)
            {
                if (_queue.Peek() is ExclusiveEntry exclusive)
                {
                    _queue.Dequeue();
                    await RunExclusiveAsync(exclusive);
                }
                else
                {
                    await RunBatchAsync(TakeBatch());
                }

                Runs++;
            }
        }
        finally
        {
            _draining = false;
        }
    }

    private List<BatchEntry> TakeBatch()
    {
        var batch = new List<BatchEntry>();
        var weight = 0;
        while (_queue.TryPeek(out var next) && next is BatchEntry entry
            && (batch.Count == 0 || weight + weightOf(entry.Item) <= maxWeightPerBatch))
        {
            _queue.Dequeue();
            batch.Add(entry);
            weight += weightOf(entry.Item);
        }

        return batch;
    }

    private async Task RunBatchAsync(List<BatchEntry> batch)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await runBatch(batch.Select(e => e.Item).ToList());
        }
        catch (Exception error)
        {
            foreach (var entry in batch)
            {
                entry.Done.TrySetException(error);
            }

            return;
        }

        if (results.Count != batch.Count)
        {
            var error = new InvalidOperationException($"a batch of {batch.Count} calls returned {results.Count} results");
            foreach (var entry in batch)
            {
                entry.Done.TrySetException(error);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    private static async Task RunExclusiveAsync(ExclusiveEntry entry)
    {
        try
        {
            await entry.Work();
            entry.Done.TrySetResult();
        }
        catch (Exception error)
        {
            entry.Done.TrySetException(error);
        }
    }

    private abstract record Entry;

    private sealed record BatchEntry(TItem Item) : Entry
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record ExclusiveEntry(Func<Task> Work) : Entry
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
