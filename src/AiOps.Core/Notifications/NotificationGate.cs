using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Core.Policy;

namespace AiOps.Core.Notifications;

/// <summary>
/// The rules a notification passes before it is sent: quiet hours (below their minimum severity a
/// notification is recorded, not sent), storm detection (over the threshold rate the storm lasts its cooldown,
/// and channels with digest mode collect a digest instead), and per-channel rate limits (over the limit a
/// notification waits for the next minute; nothing is dropped).
/// </summary>
public static class NotificationGate
{
    public static Admission Admit(GateState state, NotifyPolicy policy, string channel, Severity severity, DateTimeOffset now) =>
        Screen(policy, channel, severity, InStorm(state, policy, now), now) ?? TakeRate(state, policy, channel, now);

    /// <summary>
    /// The decisions that need no counter: quiet hours and, in a storm, the digest. Null when the notification
    /// may go on to its channel's rate limit.
    /// </summary>
    public static Admission? Screen(NotifyPolicy policy, string channel, Severity severity, bool inStorm, DateTimeOffset now)
    {
        if (InQuietHours(policy.QuietHours, now) && severity < ParseSeverity(policy.QuietHours.MinSeverity))
        {
            return Admission.Quiet;
        }

        return channel == "email" && policy.Channels.Email.DigestModeOnStorm && inStorm ? Admission.Digest : null;
    }

    /// <summary>The channel's rate_limit_per_min; 0 for no limit.</summary>
    public static int RateLimitOf(NotifyPolicy policy, string channel) => channel switch
    {
        "email" => policy.Channels.Email.RateLimitPerMin,
        "webhook" => policy.Channels.Webhook.RateLimitPerMin,
        "pagerduty" => policy.Channels.Pagerduty.RateLimitPerMin,
        "alertmanager" => policy.Channels.Alertmanager.RateLimitPerMin,
        _ => 0,
    };

    /// <summary>
    /// Names a channel's rate-limit wait: by channel and limit, since ships may set different limits on one channel
    /// and the fleet's count is held to each ship's own.
    /// </summary>
    public static string RateWaitKey(string channel, int limit) => $"{channel}/{limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Counts one send against the channel's limit for this minute, or says to wait for the next minute.</summary>
    public static Admission TakeRate(GateState state, NotifyPolicy policy, string channel, DateTimeOffset now)
    {
        var limit = RateLimitOf(policy, channel);
        var minute = now.ToUnixTimeSeconds() / 60;
        if (limit > 0)
        {
            var used = state.SentThisMinute.GetValueOrDefault(channel);
            if (state.Minute == minute && used >= limit)
            {
                return Admission.WaitUntil(DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60));
            }
        }

        if (state.Minute != minute)
        {
            state.Minute = minute;
            state.SentThisMinute.Clear();
        }

        state.SentThisMinute[channel] = state.SentThisMinute.GetValueOrDefault(channel) + 1;
        return Admission.Send;
    }

    /// <summary>
    /// Gives back a send counted in <paramref name="minute"/> whose attempt failed: only deliveries use up the
    /// channel's rate limit, so a receiver that is down does not hold back what follows once it is up again.
    /// </summary>
    public static bool GiveBack(GateState state, string channel, long minute)
    {
        if (state.Minute != minute || state.SentThisMinute.GetValueOrDefault(channel) <= 0)
        {
            return false;
        }

        state.SentThisMinute[channel]--;
        return true;
    }

    /// <summary>Counts one incident transition towards storm detection.</summary>
    public static void CountTransition(GateState state, NotifyPolicy policy, DateTimeOffset now)
    {
        Tally(state.TransitionsPerMinute, policy, now);
        ObserveStorm(state, policy, state.TransitionsPerMinute, now);
    }

    /// <summary>Counts one transition in a shard's per-minute counts and forgets the minutes outside the window.</summary>
    public static void Tally(Dictionary<long, int> perMinute, NotifyPolicy policy, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        perMinute[minute] = perMinute.GetValueOrDefault(minute) + 1;
        foreach (var old in perMinute.Keys.Where(m => m <= minute - policy.StormDetection.WindowMin).ToList())
        {
            perMinute.Remove(old);
        }
    }

    /// <summary>Adds the shards' per-minute counts into the fleet's: each transition is counted in one shard only.</summary>
    public static Dictionary<long, int> Sum(IEnumerable<IReadOnlyDictionary<long, int>> shards)
    {
        var fleet = new Dictionary<long, int>();
        foreach (var (minute, count) in shards.SelectMany(s => s))
        {
            fleet[minute] = fleet.GetValueOrDefault(minute) + count;
        }

        return fleet;
    }

    /// <summary>
    /// Starts or extends the storm when the transitions per minute over the window (the fleet's, summed over the
    /// shards) are above the threshold. True when the storm's end moved.
    /// </summary>
    public static bool ObserveStorm(GateState state, NotifyPolicy policy, IReadOnlyDictionary<long, int> perMinute, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var inWindow = perMinute.Where(p => p.Key > minute - policy.StormDetection.WindowMin && p.Key <= minute).Sum(p => p.Value);
        if (inWindow / (double)policy.StormDetection.WindowMin <= policy.StormDetection.ThresholdPerMin)
        {
            return false;
        }

        var until = now.AddMinutes(Math.Max(policy.StormDetection.CooldownMin, 1));
        if (until <= state.StormUntil)
        {
            return false;
        }

        state.StormUntil = until;
        return true;
    }

    public static bool InStorm(GateState state, NotifyPolicy policy, DateTimeOffset now) => state.StormUntil > now;

    public static bool InQuietHours(QuietHours quiet, DateTimeOffset now) =>
        quiet.Enabled && LocalTimeWindow.Contains(now, quiet.Timezone, quiet.Start, quiet.End, static _ => true);

    private static Severity ParseSeverity(string name) => Enum.Parse<Severity>(name, ignoreCase: true);
}

/// <summary>The gate's counters: the rate limits and storm in the fleet's gate grain; a shard keeps only its transitions per minute.</summary>
[GenerateSerializer, Alias("aiops.notification-gate-state.v1")]
public sealed class GateState
{
    [Id(0)] public long Minute { get; set; }
    [Id(1)] public Dictionary<string, int> SentThisMinute { get; set; } = [];
    [Id(2)] public Dictionary<long, int> TransitionsPerMinute { get; set; } = [];
    [Id(3)] public DateTimeOffset StormUntil { get; set; }
}
