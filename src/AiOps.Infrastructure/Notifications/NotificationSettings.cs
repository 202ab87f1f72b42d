namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// Infrastructure for the channels (configuration, not policy): the SMTP relay and the PagerDuty Events API
/// address. Channel URLs and keys come from notify.yaml, where "${NAME}" reads environment variable NAME.
/// </summary>
public sealed class NotificationSettings
{
    public const string Section = "Notifications";

    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 25;
    public bool SmtpSsl { get; set; }
    public string SmtpUser { get; set; } = "";
    public string SmtpPassword { get; set; } = "";
    public string From { get; set; } = "aiops@localhost";
    public string PagerDutyEventsUrl { get; set; } = "https://events.pagerduty.com/v2/enqueue";

    /// <summary>Where incident links in notifications point, e.g. the API or the Grafana console.</summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>"${NAME}" becomes environment variable NAME; anything else is taken as written.</summary>
    public static string Expand(string value)
    {
        var trimmed = value.Trim();
        return trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.EndsWith('}')
            ? Environment.GetEnvironmentVariable(trimmed[2..^1]) ?? ""
            : trimmed;
    }
}
