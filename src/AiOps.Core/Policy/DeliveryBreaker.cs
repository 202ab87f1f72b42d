namespace AiOps.Core.Policy;

/// <summary>
/// notify.yaml <c>delivery_breaker</c>: the circuit breaker on each HTTP notification channel. The outbox already
/// retries with backoff until <c>give_up_after</c>; the breaker only makes attempts against a receiver that keeps
/// failing fail at once (no connection, no timeout wait) for <c>break_sec</c>, then lets one trial through.
/// </summary>
public sealed class DeliveryBreaker
{
    /// <summary>The share of failed attempts in the sampling window that opens the circuit (1.0: all of them).</summary>
    public double FailureRatio { get; set; } = 1.0;

    /// <summary>At least this many attempts in the window before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 5;

    public int SamplingSec { get; set; } = 60;

    public int BreakSec { get; set; } = 30;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        if (FailureRatio is <= 0 or > 1)
        {
            issues.Add(new("delivery_breaker.failure_ratio", $"must be above 0 and at most 1, not {FailureRatio}"));
        }

        issues.AddRange(Checks.Between("delivery_breaker.minimum_throughput", MinimumThroughput, 2, 10000));
        issues.AddRange(Checks.Between("delivery_breaker.sampling_sec", SamplingSec, 1, 86400));
        issues.AddRange(Checks.Between("delivery_breaker.break_sec", BreakSec, 1, 86400));
        return issues;
    }
}
