namespace AiOps.Core.Correlation;

public enum CorrelationVerdict
{
    /// <summary>Opened a new incident (with any pending anomalies of its key).</summary>
    Opened,

    /// <summary>Joined an open incident whose window admits its event time.</summary>
    Joined,

    /// <summary>Repeated a fingerprint of an open incident within the dedup TTL: counted only.</summary>
    Duplicate,

    /// <summary>Matched the suppress key of a suppressed incident within the suppression TTL.</summary>
    Suppressed,

    /// <summary>Waits for <c>min_events_for_incident</c> anomalies of its key.</summary>
    Pending,

    /// <summary>Fired again within <c>reopen_window_sec</c> of a resolved incident of its key: reopens it.</summary>
    Reopened,

    /// <summary>Matched an operator's silence: opens and joins nothing, counted on the silence.</summary>
    Silenced,
}
