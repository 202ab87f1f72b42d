using AiOps.Core.Policy;

namespace AiOps.Insight;

/// <summary>
/// A bounded priority queue (llm.yaml <c>queue_size</c>, <c>priority_by_severity</c>). A newer request for an
/// incident already waiting replaces it, keeping the higher priority. Requests beyond the bound, and requests
/// that waited for the model longer than half of <c>insight_budget_ms</c>, go to a lane served without the model,
/// so nothing waits on a full queue or a hung model, nothing is dropped, and the number waiting for the model
/// never exceeds queue_size.
/// </summary>
public sealed class InsightQueue(IPolicyProvider policy, TimeProvider? clock = null) : IInsightQueue
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly PriorityQueue<string, (int Priority, long Order)> _order = new();
    private readonly Dictionary<string, InsightRequest> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<InsightRequest> _withoutModel = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _withoutModelAvailable = new(0);
    private long _sequence;

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count + _withoutModel.Count;
            }
        }
    }

    public void Enqueue(InsightRequest request)
    {
        var queued = request with { QueuedAt = _clock.GetUtcNow() };
        lock (_gate)
        {
            var key = $"{queued.Work}:{queued.IncidentId}";
            if (_waiting.TryGetValue(key, out var waiting))
            {
                _waiting[key] = queued with { Priority = Math.Max(queued.Priority, waiting.Priority), RequestedAt = waiting.RequestedAt, QueuedAt = waiting.QueuedAt };
                _order.Enqueue(key, (-_waiting[key].Priority, _sequence++));
                return;
            }

            if (_waiting.Count >= policy.Current.Fleet.Llm.QueueSize)
            {
                _withoutModel.Enqueue(WithoutModel(queued));
                _withoutModelAvailable.Release();
                return;
            }

            _waiting[key] = queued;
            _order.Enqueue(key, (-queued.Priority, _sequence++));
        }

        _available.Release();
    }

    public async ValueTask<InsightRequest> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            lock (_gate)
            {
                // Replaced or expired entries leave stale keys behind; skip them.
                while (_order.TryDequeue(out var key, out _))
                {
                    if (_waiting.Remove(key, out var request))
                    {
                        return request;
                    }
                }
            }
        }
    }

    public async ValueTask<InsightRequest?> TakeWithoutModelAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        ExpireWaiting();
        if (!await _withoutModelAvailable.WaitAsync(poll, cancellationToken))
        {
            return null;
        }

        lock (_gate)
        {
            return _withoutModel.TryDequeue(out var request) ? request : null;
        }
    }

    /// <summary>Moves requests that waited for the model longer than half the insight budget to the lane without it.</summary>
    private void ExpireWaiting()
    {
        var oldest = _clock.GetUtcNow() - TimeSpan.FromMilliseconds(policy.Current.Fleet.Llm.InsightBudgetMs / 2.0);
        lock (_gate)
        {
            foreach (var (key, request) in _waiting.Where(w => w.Value.QueuedAt < oldest && w.Value.Work != InsightWork.Learn).ToList())
            {
                _waiting.Remove(key);
                _withoutModel.Enqueue(WithoutModel(request));
                _withoutModelAvailable.Release();
            }
        }
    }

    private static InsightRequest WithoutModel(InsightRequest request) =>
        request.Work == InsightWork.Narrate ? request with { Work = InsightWork.NarrateWithoutModel } : request;
}
