namespace AiOps.Core.Alerts;

/// <summary>
/// A lower bound on the <c>endsAt</c> of a service's firing alerts, kept in memory only: while it lies ahead, no
/// alert can have ended and <see cref="AlertTracker.ExpireSilent"/> skips its scan. An alert storm had the tracker
/// scan all of its (up to 10,000) alerts after every batch: a tenth of the host's CPU.
/// </summary>
public sealed class AlertEndBound
{
    // Null until a scan has found the earliest end (a state just loaded, say): the next check then scans.
    private DateTimeOffset? _nothingEndsBefore;

    /// <summary>True when some alert may have ended by <paramref name="now"/>, so the alerts must be scanned.</summary>
    public bool MayHaveEnded(DateTimeOffset now) => _nothingEndsBefore is not { } bound || bound <= now;

    /// <summary>An alert now ends at <paramref name="endsAt"/>. Later ends and removals leave the bound a lower bound.</summary>
    public void Noted(DateTimeOffset? endsAt)
    {
        if (endsAt is { } end && _nothingEndsBefore is { } bound && end < bound)
        {
            _nothingEndsBefore = end;
        }
    }

    /// <summary>A scan left these alerts firing, the earliest of them ending at <paramref name="earliestEnd"/> (null: none ends).</summary>
    public void Scanned(DateTimeOffset? earliestEnd) => _nothingEndsBefore = earliestEnd ?? DateTimeOffset.MaxValue;
}
