using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;

namespace AiOps.Grains.Notifications;

/// <summary>
/// The fleet's notification bookkeeping (key <see cref="FleetKey"/>): which incidents have notifications
/// pending, the gate's counters (storm detection, per-channel rate limits) and the storm digest. It never calls
/// an incident grain, so incident grains may call it without risk of a deadlock.
/// </summary>
public interface INotificationDispatcherGrain : IGrainWithStringKey
{
    const string FleetKey = "fleet";

    Task TransitionAsync(string incidentId, string shipId);
    Task<IReadOnlyList<string>> PendingAsync();
    Task DoneAsync(string incidentId);
    Task<Admission> AdmitAsync(string shipId, string channel, Severity severity);
    Task AddToDigestAsync(OutboxEntry entry);

    /// <summary>The digest's entries when its interval has passed (and clears them), else an empty list.</summary>
    Task<IReadOnlyList<OutboxEntry>> TakeDigestAsync();
}
