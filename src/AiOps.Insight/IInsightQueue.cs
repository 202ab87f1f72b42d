namespace AiOps.Insight;

/// <summary>
/// Where the Fast Path hands incidents to the Insight Path. Enqueueing never waits: a full queue turns the
/// request into a rule-based insight rather than blocking the caller or dropping the request.
/// </summary>
public interface IInsightQueue
{
    void Enqueue(InsightRequest request);

    /// <summary>The next request, highest priority first; waits while the queue is empty.</summary>
    ValueTask<InsightRequest> TakeAsync(CancellationToken cancellationToken);

    int Count { get; }
}
