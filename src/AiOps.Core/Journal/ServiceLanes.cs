namespace AiOps.Core.Journal;

/// <summary>One journal entry waiting in its service's lane.</summary>
public readonly record struct LaneItem<T>(long Lsn, T Item, int Events, long IngestedTicks);

/// <summary>
/// Hands journal entries to their services with one lane per service: a lane delivers its entries in journal
/// order, one call at a time, and lanes run independently, so a slow service delays only itself (no round waits
/// for the slowest). The journal may forget an entry only once it and every entry before it are delivered:
/// <see cref="CompletedLsn"/> is that low-water mark. At most <c>maxEventsInFlight</c> events are being
/// delivered at once across all lanes (one call may exceed it alone, so a big entry is never stuck).
/// The delivery function handles its own failures (retries, setting aside what cannot be delivered); it throws
/// only when stopping, and what it had not delivered then stays in the journal for the next start.
/// </summary>
public sealed class ServiceLanes<T>
{
    private readonly Func<string, IReadOnlyList<LaneItem<T>>, CancellationToken, Task> _deliver;
    private readonly int _maxEntriesPerCall;
    private readonly int _maxEventsPerCall;
    private readonly int _maxEventsInFlight;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<LaneItem<T>>> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Queue<(long Lsn, long IngestedTicks)> _undelivered = new();
    private readonly HashSet<long> _deliveredEarly = [];
    private readonly Queue<(int Events, TaskCompletionSource Granted)> _budgetWaiters = new();
    private HashSet<string> _touched = new(StringComparer.Ordinal);
    private CancellationToken _stopping;
    private bool _started;
    private long _completedLsn;
    private long _lastAddedLsn;
    private long _pendingEvents;
    private int _eventsInFlight;

    /// <param name="maxEventsPerCall">A call takes further entries only while their events stay within this (its first entry always goes).</param>
    public ServiceLanes(Func<string, IReadOnlyList<LaneItem<T>>, CancellationToken, Task> deliver, long completedLsn,
        int maxEntriesPerCall, int maxEventsInFlight, int maxEventsPerCall = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntriesPerCall, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerCall, 1);
        (_deliver, _completedLsn, _lastAddedLsn, _maxEntriesPerCall, _maxEventsInFlight, _maxEventsPerCall) =
            (deliver, completedLsn, completedLsn, maxEntriesPerCall, maxEventsInFlight, maxEventsPerCall);
    }

    /// <summary>Every entry up to this sequence number has been delivered (or set aside by the delivery).</summary>
    public long CompletedLsn
    {
        get
        {
            lock (_gate)
            {
                return _completedLsn;
            }
        }
    }

    /// <summary>Events added and not yet delivered.</summary>
    public long PendingEvents => Interlocked.Read(ref _pendingEvents);

    /// <summary>The ingest time of the oldest entry not yet delivered, or null when every entry is.</summary>
    public DateTimeOffset? OldestPending
    {
        get
        {
            lock (_gate)
            {
                return _undelivered.TryPeek(out var oldest) ? new DateTimeOffset(oldest.IngestedTicks, TimeSpan.Zero) : null;
            }
        }
    }

    /// <summary>Adds entries, in journal order; their lanes start delivering at once if <see cref="Start"/> was called.</summary>
    public void Add(IEnumerable<(string Key, LaneItem<T> Item)> entries)
    {
        List<string>? toStart = null;
        lock (_gate)
        {
            foreach (var (key, item) in entries)
            {
                if (item.Lsn <= _lastAddedLsn)
                {
                    throw new ArgumentException($"entry {item.Lsn} is not after entry {_lastAddedLsn}", nameof(entries));
                }

                _lastAddedLsn = item.Lsn;
                _undelivered.Enqueue((item.Lsn, item.IngestedTicks));
                Interlocked.Add(ref _pendingEvents, item.Events);
                if (!_waiting.TryGetValue(key, out var lane))
                {
                    _waiting[key] = lane = new Queue<LaneItem<T>>();
                }

                lane.Enqueue(item);
                if (_started && _running.Add(key))
                {
                    (toStart ??= []).Add(key);
                }
            }
        }

        StartLanes(toStart);
    }

    /// <summary>Starts delivering: entries added before (e.g. a replay at start-up) and after.</summary>
    public void Start(CancellationToken stopping)
    {
        List<string> toStart;
        lock (_gate)
        {
            _stopping = stopping;
            _started = true;
            toStart = _waiting.Keys.Where(_running.Add).ToList();
        }

        StartLanes(toStart);
    }

    /// <summary>The services delivered to since the last call (they have state to persist before a checkpoint).</summary>
    public IReadOnlyCollection<string> TakeTouched()
    {
        lock (_gate)
        {
            var touched = _touched;
            _touched = new HashSet<string>(StringComparer.Ordinal);
            return touched;
        }
    }

    /// <summary>Gives back services whose persisting failed, so the next checkpoint asks them again.</summary>
    public void Retouch(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            _touched.UnionWith(keys);
        }
    }

    private void StartLanes(List<string>? keys)
    {
        foreach (var key in keys ?? [])
        {
            _ = Task.Run(() => RunLaneAsync(key));
        }
    }

    private async Task RunLaneAsync(string key)
    {
        while (!_stopping.IsCancellationRequested)
        {
            List<LaneItem<T>> call;
            lock (_gate)
            {
                var lane = _waiting[key];
                if (lane.Count == 0)
                {
                    _waiting.Remove(key);
                    _running.Remove(key);
                    return;
                }

                call = new List<LaneItem<T>>(Math.Min(lane.Count, _maxEntriesPerCall));
                var taken = 0;
                while (call.Count < _maxEntriesPerCall && lane.TryPeek(out var next) && (call.Count == 0 || taken + next.Events <= _maxEventsPerCall))
                {
                    call.Add(lane.Dequeue());
                    taken += next.Events;
                }

                _touched.Add(key);
            }

            var events = call.Sum(i => i.Events);
            try
            {
                await TakeBudgetAsync(events);
            }
            catch (OperationCanceledException)
            {
                return; // Stopping: undelivered entries stay in the journal for the next start.
            }

            try
            {
                await _deliver(key, call, _stopping);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                ReturnBudget(events);
            }

            Delivered(call, events);
        }
    }

    private void Delivered(List<LaneItem<T>> call, int events)
    {
        Interlocked.Add(ref _pendingEvents, -events);
        lock (_gate)
        {
            foreach (var item in call)
            {
                _deliveredEarly.Add(item.Lsn);
            }

            while (_undelivered.TryPeek(out var head) && _deliveredEarly.Remove(head.Lsn))
            {
                _undelivered.Dequeue();
                _completedLsn = head.Lsn;
            }
        }
    }

    private Task TakeBudgetAsync(int events)
    {
        lock (_gate)
        {
            if (_budgetWaiters.Count == 0 && (_eventsInFlight == 0 || _eventsInFlight + events <= _maxEventsInFlight))
            {
                _eventsInFlight += events;
                return Task.CompletedTask;
            }

            var granted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _budgetWaiters.Enqueue((events, granted));
            return granted.Task.WaitAsync(_stopping);
        }
    }

    private void ReturnBudget(int events)
    {
        lock (_gate)
        {
            _eventsInFlight -= events;
            while (_budgetWaiters.TryPeek(out var next) && (_eventsInFlight == 0 || _eventsInFlight + next.Events <= _maxEventsInFlight))
            {
                _budgetWaiters.Dequeue();
                _eventsInFlight += next.Events;
                next.Granted.TrySetResult();
            }
        }
    }
}
