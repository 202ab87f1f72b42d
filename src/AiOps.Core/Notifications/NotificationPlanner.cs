using AiOps.Contracts.Pipeline;
using AiOps.Contracts;
using AiOps.Core.Policy;

namespace AiOps.Core.Notifications;

/// <summary>
/// Which notifications an incident transition makes: one outbox entry per enabled channel, keyed
/// <c>incident/transition/channel</c>, so a transition is notified exactly once per channel however often
/// the code path runs. Escalations carry their new severity in the transition (<c>escalated_to_critical</c>).
/// </summary>
public static class NotificationPlanner
{
    public const string Opened = "opened";
    public const string Acknowledged = "ack";
    public const string Resolved = "resolved";
    public const string Suppressed = "suppressed";

    public static string Escalated(Severity severity) => $"escalated_to_{severity.ToString().ToLowerInvariant()}";

    public static IEnumerable<string> EnabledChannels(NotifyPolicy policy)
    {
        if (policy.Channels.Webhook.Enabled) yield return "webhook";
        if (policy.Channels.Email.Enabled) yield return "email";
        if (policy.Channels.Pagerduty.Enabled) yield return "pagerduty";
        if (policy.Channels.Alertmanager.Enabled) yield return "alertmanager";
    }

    /// <summary>Adds the transition's entries that the outbox does not hold yet; returns how many were added.</summary>
    public static int Enqueue(List<OutboxEntry> outbox, NotifyPolicy policy, string incidentId, string shipId, string incidentType,
        Severity severity, IncidentStatus status, string transition, string? actor, DateTimeOffset now)
    {
        var added = 0;
        foreach (var channel in EnabledChannels(policy))
        {
            var key = $"{incidentId}/{transition}/{channel}";
            if (outbox.Exists(e => e.Key == key))
            {
                continue;
            }

            outbox.Add(new OutboxEntry
            {
                Key = key,
                Channel = channel,
                IncidentId = incidentId,
                ShipId = shipId,
                IncidentType = incidentType,
                Transition = transition,
                Severity = severity,
                Status = status,
                CreatedAt = now,
                Actor = actor,
                NextAttemptAt = now,
            });
            added++;
        }

        return added;
    }

    /// <summary>
    /// The wait after the <paramref name="attempts"/>th failed attempt: <c>initial_sec</c> doubling up to
    /// <c>max_sec</c>, then moved by up to ±<c>jitter_pct</c> (<paramref name="jitter"/> in [0, 1) picks where),
    /// and never above the cap.
    /// </summary>
    public static TimeSpan Backoff(int attempts, RetryBackoff backoff, double jitter)
    {
        var exponent = Math.Min(Math.Max(attempts, 1) - 1, 30);
        var wait = Math.Min(backoff.MaxSec, backoff.InitialSec * Math.Pow(2, exponent));
        var spread = wait * backoff.JitterPct / 100.0 * ((2 * jitter) - 1);
        return TimeSpan.FromSeconds(Math.Clamp(wait + spread, 0.1, backoff.MaxSec));
    }
}
