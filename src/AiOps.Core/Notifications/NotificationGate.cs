using AiOps.Contracts.Pipeline;
using AiOps.Contracts;
using AiOps.Core.Policy;

namespace AiOps.Core.Notifications;

/// <summary>
/// The fleet-wide rules a notification passes before it is sent: quiet hours (below their minimum severity a
/// notification is recorded, not sent), storm detection (over the threshold rate the storm lasts its cooldown,
/// and channels with digest mode collect a digest instead), and per-channel rate limits (over the limit a
/// notification waits for the next minute; nothing is dropped).
/// </summary>
public static class NotificationGate
{
    public static Admission Admit(GateState state, NotifyPolicy policy, string channel, Severity severity, DateTimeOffset now)
    {
        if (InQuietHours(policy.QuietHours, now) && severity < ParseSeverity(policy.QuietHours.MinSeverity))
        {
            return Admission.Quiet;
        }

        if (channel == "email" && policy.Channels.Email.DigestModeOnStorm && InStorm(state, policy, now))
        {
            return Admission.Digest;
        }

        var limit = channel switch
        {
            "email" => policy.Channels.Email.RateLimitPerMin,
            "webhook" => policy.Channels.Webhook.RateLimitPerMin,
            "pagerduty" => policy.Channels.Pagerduty.RateLimitPerMin,
            "alertmanager" => policy.Channels.Alertmanager.RateLimitPerMin,
            _ => 0,
        };
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

    /// <summary>Counts one incident transition towards storm detection.</summary>
    public static void CountTransition(GateState state, NotifyPolicy policy, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        state.TransitionsPerMinute[minute] = state.TransitionsPerMinute.GetValueOrDefault(minute) + 1;
        foreach (var old in state.TransitionsPerMinute.Keys.Where(m => m <= minute - policy.StormDetection.WindowMin).ToList())
        {
            state.TransitionsPerMinute.Remove(old);
        }

        var perMinute = state.TransitionsPerMinute.Values.Sum() / (double)policy.StormDetection.WindowMin;
        if (perMinute > policy.StormDetection.ThresholdPerMin)
        {
            state.StormUntil = now.AddMinutes(Math.Max(policy.StormDetection.CooldownMin, 1));
        }
    }

    public static bool InStorm(GateState state, NotifyPolicy policy, DateTimeOffset now) => state.StormUntil > now;

    public static bool InQuietHours(QuietHours quiet, DateTimeOffset now) =>
        quiet.Enabled && LocalTimeWindow.Contains(now, quiet.Timezone, quiet.Start, quiet.End, static _ => true);

    private static Severity ParseSeverity(string name) => Enum.Parse<Severity>(name, ignoreCase: true);
}

/// <summary>What the gate says to one notification.</summary>
[GenerateSerializer, Immutable, Alias("aiops.admission.v1")]
public sealed record Admission([property: Id(0)] string Verdict, [property: Id(1)] DateTimeOffset? RetryAt)
{
    public static readonly Admission Send = new("send", null);
    public static readonly Admission Digest = new("digest", null);
    public static readonly Admission Quiet = new("quiet", null);

    public static Admission WaitUntil(DateTimeOffset at) => new("wait", at);
}

/// <summary>The gate's counters, persisted by the fleet's notification dispatcher grain.</summary>
[GenerateSerializer, Alias("aiops.notification-gate-state.v1")]
public sealed class GateState
{
    [Id(0)] public long Minute { get; set; }
    [Id(1)] public Dictionary<string, int> SentThisMinute { get; set; } = [];
    [Id(2)] public Dictionary<long, int> TransitionsPerMinute { get; set; } = [];
    [Id(3)] public DateTimeOffset StormUntil { get; set; }
}
