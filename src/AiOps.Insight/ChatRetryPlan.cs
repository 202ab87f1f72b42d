namespace AiOps.Insight;

/// <summary>One insight's chat retries: llm.yaml <c>max_retries</c> after <c>retry_delay_ms</c>, within its budget.</summary>
internal readonly record struct ChatRetryPlan(int MaxRetries, TimeSpan Delay, DateTimeOffset Deadline)
{
    /// <summary>
    /// Whether a failed attempt (0 for the first) is tried again: not when the circuit is open or the budget is spent,
    /// and not when the wait alone would reach the deadline.
    /// </summary>
    public bool Allows(int attempt, string problem, DateTimeOffset now) =>
        attempt < MaxRetries && problem is not ("circuit open" or "no time left in the insight budget") && now + Delay < Deadline;
}
