using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// One shard of the notification bookkeeping (key <see cref="KeyOf"/>: a hash of the ship id): which of its
/// ships' incidents have notifications pending, its transitions per minute (summed over the shards for storm
/// detection) and its part of the storm digest. It never calls an incident grain, so incident grains may call it
/// without risk of a deadlock.
/// </summary>
[Alias("aiops.notification-dispatcher-grain")]
public interface INotificationDispatcherGrain : IGrainWithStringKey
{
    /// <summary>The single dispatcher of before sharding; the pump drains what it still holds.</summary>
    const string LegacyKey = "fleet";

    /// <summary>
    /// How long a shard reports an incident's last transition (<see cref="DispatchShardView.LastTransitionAt"/>), and
    /// so the longest a pump sets a pending incident aside without looking at it again.
    /// </summary>
    static readonly TimeSpan RecentTransitions = TimeSpan.FromMinutes(5);

    Task TransitionAsync(string incidentId, string shipId);

    /// <summary>The shard's pending incidents, transitions per minute within the storm window, and digest size.</summary>
    Task<DispatchShardView> PollAsync();

    Task DoneAsync(string incidentId);
    Task AddToDigestAsync(OutboxEntry entry);

    /// <summary>The shard's digest entries (and clears them); the fleet's gate grain decides when it is time.</summary>
    Task<IReadOnlyList<OutboxEntry>> TakeDigestAsync();

    /// <summary>Keeps a notification that passed its give_up_after on the shard's dead-letter list (once per key).</summary>
    Task DeadLetteredAsync(OutboxEntry entry);

    /// <summary>The shard's dead-lettered notifications, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> DeadLettersAsync();

    /// <summary>Takes <paramref name="key"/> off the dead-letter list and makes its incident pending again (a retry).</summary>
    Task RetryAsync(string incidentId, string key);

    static string ShardKey(int shard) => $"shard-{shard}";

    static string KeyOf(string shipId, int shards) => ShardKey((int)((uint)Contracts.StableHash.Of(shipId) % (uint)shards));
}
