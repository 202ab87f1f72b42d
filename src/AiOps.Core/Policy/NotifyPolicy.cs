using System.Globalization;

namespace AiOps.Core.Policy;

/// <summary><c>notify.yaml</c>: channels, quiet hours, storm detection and templates.</summary>
public sealed class NotifyPolicy
{
    public string SchemaVersion { get; set; } = "";
    public NotifyChannels Channels { get; set; } = new();
    public QuietHours QuietHours { get; set; } = new();
    public StormDetection StormDetection { get; set; } = new();
    public NotifyDispatch Dispatch { get; set; } = new();
    public Dictionary<string, string> Templates { get; set; } = [];

    /// <summary>How long a notification is retried before it is dead-lettered (<c>24h</c>).</summary>
    public string GiveUpAfter { get; set; } = "24h";

    public RetryBackoff RetryBackoff { get; set; } = new();

    public DeliveryBreaker DeliveryBreaker { get; set; } = new();

    public TimeSpan GiveUpAfterSpan => PolicyDuration.TryParse(GiveUpAfter) ?? TimeSpan.FromHours(24);

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        issues.AddRange(Checks.Between("channels.email.rate_limit_per_min", Channels.Email.RateLimitPerMin, 1, 10000));
        issues.AddRange(Checks.Between("channels.email.digest_interval_min", Channels.Email.DigestIntervalMin, 1, 1440));
        foreach (var (severity, addresses) in Channels.Email.Recipients)
        {
            issues.AddRange(Checks.OneOf($"channels.email.recipients.{severity}", severity, Checks.Severities));
            foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
            {
                if (!address.Contains('@', StringComparison.Ordinal))
                {
                    issues.Add(new($"channels.email.recipients.{severity}[{i}]", $"\"{address}\" is not an e-mail address"));
                }
            }
        }

        issues.AddRange(Checks.Between("channels.webhook.timeout_sec", Channels.Webhook.TimeoutSec, 1, 300));
        issues.AddRange(Checks.Between("channels.webhook.retries", Channels.Webhook.Retries, 0, 20));
        foreach (var (severity, mapped) in Channels.Pagerduty.SeverityMapping)
        {
            issues.AddRange(Checks.OneOf($"channels.pagerduty.severity_mapping.{severity}", mapped, "critical", "error", "warning", "info"));
        }

        issues.AddRange(Checks.Between("channels.webhook.rate_limit_per_min", Channels.Webhook.RateLimitPerMin, 0, 100000));
        issues.AddRange(Checks.Between("channels.pagerduty.rate_limit_per_min", Channels.Pagerduty.RateLimitPerMin, 0, 100000));
        issues.AddRange(Checks.Between("channels.alertmanager.rate_limit_per_min", Channels.Alertmanager.RateLimitPerMin, 0, 100000));
        issues.AddRange(Checks.Between("channels.alertmanager.timeout_sec", Channels.Alertmanager.TimeoutSec, 1, 300));
        issues.AddRange(Checks.Between("channels.alertmanager.retries", Channels.Alertmanager.Retries, 0, 20));
        issues.AddRange(Time("quiet_hours.start", QuietHours.Start));
        issues.AddRange(Time("quiet_hours.end", QuietHours.End));
        issues.AddRange(Checks.OneOf("quiet_hours.min_severity", QuietHours.MinSeverity, Checks.Severities));
        issues.AddRange(Checks.Between("storm_detection.threshold_per_min", StormDetection.ThresholdPerMin, 1, 100000));
        issues.AddRange(Checks.Between("storm_detection.window_min", StormDetection.WindowMin, 1, 1440));
        issues.AddRange(Checks.Between("storm_detection.cooldown_min", StormDetection.CooldownMin, 0, 1440));
        issues.AddRange(Checks.Between("dispatch.shards", Dispatch.Shards, 1, 4096));
        issues.AddRange(Checks.Between("dispatch.direct_senders", Dispatch.DirectSenders, 1, 256));
        issues.AddRange(Checks.Between("dispatch.direct_queue", Dispatch.DirectQueue, Dispatch.DirectSenders, 1_000_000));
        issues.AddRange(PolicyDuration.Check("give_up_after", GiveUpAfter, TimeSpan.FromDays(30)));
        issues.AddRange(RetryBackoff.Validate());
        issues.AddRange(DeliveryBreaker.Validate());
        return issues;
    }

    internal static IEnumerable<PolicyIssue> Time(string path, string value)
    {
        if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return new(path, $"must be a time of day HH:mm, not \"{value}\"");
        }
    }
}

public sealed class NotifyChannels
{
    public EmailChannel Email { get; set; } = new();
    public WebhookChannel Webhook { get; set; } = new();
    public PagerDutyChannel Pagerduty { get; set; } = new();
    public AlertmanagerChannel Alertmanager { get; set; } = new();
}

/// <summary>An Alertmanager-compatible webhook: the JSON an Alertmanager webhook receiver accepts.</summary>
public sealed class AlertmanagerChannel
{
    public bool Enabled { get; set; }
    public string Url { get; set; } = "";
    public int TimeoutSec { get; set; } = 5;

    /// <summary>Kept so older policy files load; delivery now retries until <c>give_up_after</c>, not a count.</summary>
    public int Retries { get; set; } = 2;
    public int RateLimitPerMin { get; set; }
}

public sealed class EmailChannel
{
    public bool Enabled { get; set; }
    public int RateLimitPerMin { get; set; }
    public bool DigestModeOnStorm { get; set; }
    public int DigestIntervalMin { get; set; }
    public Dictionary<string, List<string>> Recipients { get; set; } = [];
}

public sealed class WebhookChannel
{
    public bool Enabled { get; set; }
    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key for the X-AiOps-Signature header; usually "${WEBHOOK_SECRET}".</summary>
    public string Secret { get; set; } = "";

    /// <summary>Notifications per minute on this channel; 0 for no limit.</summary>
    public int RateLimitPerMin { get; set; }
    public int TimeoutSec { get; set; }

    /// <summary>Kept so older policy files load; delivery now retries until <c>give_up_after</c>, not a count.</summary>
    public int Retries { get; set; }
}

public sealed class PagerDutyChannel
{
    public bool Enabled { get; set; }
    public string IntegrationKey { get; set; } = "";
    public int RateLimitPerMin { get; set; }
    public Dictionary<string, string> SeverityMapping { get; set; } = [];
}

public sealed class QuietHours
{
    public bool Enabled { get; set; }
    public string Start { get; set; } = "22:00";
    public string End { get; set; } = "06:00";
    public string Timezone { get; set; } = "UTC";
    public string MinSeverity { get; set; } = "high";
}

public sealed class StormDetection
{
    public int ThresholdPerMin { get; set; }
    public int WindowMin { get; set; }
    public int CooldownMin { get; set; }
}

/// <summary>
/// How the notification bookkeeping is spread (ships hash into this many dispatcher shards), and the direct
/// delivery on each silo (its queues, by incident, and how many offers they hold together).
/// </summary>
public sealed class NotifyDispatch
{
    public int Shards { get; set; } = 16;
    public int DirectSenders { get; set; } = 8;
    public int DirectQueue { get; set; } = 1024;
}
