
namespace AiOps.Contracts.Grains;

/// <summary>
/// The fleet's notification gate (key <see cref="FleetKey"/>): the storm, the per-channel rate limits and the
/// digest's turn. The pump calls it once per pass, and the pump or the deliverer once per send on a rate-limited
/// channel; never an incident transition, so its load is bounded by the policy's limits, not by the fleet's size.
/// </summary>
[Alias("aiops.notification-gate-grain")]
public interface INotificationGateGrain : IGrainWithStringKey
{
    const string FleetKey = "fleet";

    /// <summary>Takes the fleet's transitions per minute (summed over the shards) and the pump's shard count.</summary>
    Task<GateView> ObserveAsync(IReadOnlyDictionary<long, int> transitionsPerMinute, int shards);

    /// <summary>
    /// Counts one send against the channel's rate_limit_per_min, or says when to try again. The counts are kept in
    /// memory and written with the gate's other changes: a restart may let up to twice the limit through in its minute.
    /// </summary>
    Task<Admission> TakeRateAsync(string shipId, string channel);

    /// <summary>Gives back a send counted in <paramref name="minute"/> (Unix minutes) whose attempt failed.</summary>
    Task GiveBackRateAsync(string channel, long minute);

    /// <summary>True for the one pump that may send the storm digest now (at most one per digest_interval_min).</summary>
    Task<bool> TryTakeDigestTurnAsync();
}
