namespace AiOps.Insight;

/// <summary>
/// Where the Fast Path hands incidents to the Insight Path. Enqueueing never waits: a full queue turns the
/// request into a rule-based insight rather than blocking the caller or dropping the request.
/// </summary>
public interface IInsightQueue
{
    void Enqueue(InsightRequest request);

    /// <summary>The next request for the model, highest priority first; waits while there is none.</summary>
    ValueTask<InsightRequest> TakeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The next request to serve without the model (it overflowed the queue, or waited for the model longer than
    /// half its insight budget); waits at most <paramref name="poll"/> and then gives null.
    /// </summary>
    ValueTask<InsightRequest?> TakeWithoutModelAsync(TimeSpan poll, CancellationToken cancellationToken);

    /// <summary>Requests waiting for the model (at most llm.yaml queue_size).</summary>
    int Waiting { get; }

    /// <summary>Everything not yet taken: waiting for the model plus those to serve without it.</summary>
    int Count { get; }
}
