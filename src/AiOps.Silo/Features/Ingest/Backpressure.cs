using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;

namespace AiOps.Silo.Features.Ingest;

/// <summary>Whether ingest should turn senders away because the Fast Path is behind its bounds (ingest.yaml backpressure).</summary>
public static class Backpressure
{
    /// <summary>Why the request is refused, or null when the Fast Path is within its bounds.</summary>
    public static string? Refusal(IngestLag lag, BackpressureSettings bounds)
    {
        var ageMs = (long)lag.OldestAge.TotalMilliseconds;
        if (ageMs <= bounds.MaxLagMs && lag.PendingEvents <= bounds.MaxPendingEvents)
        {
            return null;
        }

        return $"The Fast Path is {ageMs} ms behind (bound {bounds.MaxLagMs} ms, ingest.yaml backpressure.max_lag_ms) with "
            + $"{lag.PendingEvents} events waiting (bound {bounds.MaxPendingEvents}, backpressure.max_pending_events). "
            + $"Nothing of this request was accepted; send it again after {bounds.RetryAfterSec} s.";
    }
}
