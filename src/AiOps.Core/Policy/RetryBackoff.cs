namespace AiOps.Core.Policy;

/// <summary>
/// notify.yaml <c>give_up_after</c> and <c>retry_backoff</c>: a notification is retried until a deadline, not a
/// count, waiting <c>initial_sec</c> doubling up to <c>max_sec</c> between attempts, each wait spread by
/// ±<c>jitter_pct</c> so that receivers coming back are not hit by every pending notification at once.
/// </summary>
public sealed class RetryBackoff
{
    public int InitialSec { get; set; } = 2;
    public int MaxSec { get; set; } = 300;
    public int JitterPct { get; set; } = 20;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        issues.AddRange(Checks.Between("retry_backoff.initial_sec", InitialSec, 1, 3600));
        issues.AddRange(Checks.Between("retry_backoff.max_sec", MaxSec, InitialSec, 86400));
        issues.AddRange(Checks.Between("retry_backoff.jitter_pct", JitterPct, 0, 100));
        return issues;
    }
}
