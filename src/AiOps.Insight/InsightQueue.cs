using AiOps.Core.Policy;

namespace AiOps.Insight;

/// <summary>
/// A bounded priority queue (llm.yaml <c>queue_size</c>, <c>priority_by_severity</c>). A newer request for an
/// incident already waiting replaces it, keeping the higher priority. Requests beyond the bound are served
/// before the others, without the model, so nothing waits on a full queue and nothing is dropped.
/// </summary>
public sealed class InsightQueue(IPolicyProvider policy) : IInsightQueue
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<string, (int Priority, long Order)> _order = new();
    private readonly Dictionary<string, InsightRequest> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<InsightRequest> _overflow = new();
    private readonly SemaphoreSlim _available = new(0);
    private long _sequence;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count + _overflow.Count;
            }
        }
    }

    public void Enqueue(InsightRequest request)
    {
        lock (_gate)
        {
            var key = $"{request.Work}:{request.IncidentId}";
            if (_waiting.TryGetValue(key, out var waiting))
            {
                _waiting[key] = request with { Priority = Math.Max(request.Priority, waiting.Priority), RequestedAt = waiting.RequestedAt };
                _order.Enqueue(key, (-_waiting[key].Priority, _sequence++));
                return;
            }

            if (_waiting.Count >= policy.Current.Fleet.Llm.QueueSize)
            {
                _overflow.Enqueue(request.Work == InsightWork.Narrate ? request with { Work = InsightWork.NarrateWithoutModel } : request);
            }
            else
            {
                _waiting[key] = request;
                _order.Enqueue(key, (-request.Priority, _sequence++));
            }
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
                if (_overflow.TryDequeue(out var overflow))
                {
                    return overflow;
                }

                // Replaced entries leave stale keys behind; skip them.
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
}
