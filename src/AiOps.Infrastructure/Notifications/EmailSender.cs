using System.Net;
using System.Net.Mail;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// notify.yaml <c>email</c>: plain-text mail over SMTP (Notifications:SmtpHost) to the recipients of the
/// incident's severity. The Message-ID is derived from the idempotency key, so a resend is recognisable.
/// </summary>
public sealed class EmailSender(NotificationSettings settings) : INotificationSender
{
    public string Channel => "email";


    public async Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation)
    {
        var recipients = policy.Channels.Email.Recipients.GetValueOrDefault(entry.Severity.ToString().ToLowerInvariant()) ?? [];
        if (recipients.Count == 0)
        {
            return SendResult.NotConfigured($"email: no recipients for {entry.Severity.ToString().ToLowerInvariant()}");
        }

        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            return SendResult.NotConfigured("email: no SMTP relay configured (Notifications:SmtpHost)");
        }

        using var message = new MailMessage { From = new MailAddress(settings.From), Subject = NotificationText.Subject(entry, policy), Body = Body(entry) };
        foreach (var recipient in recipients)
        {
            message.To.Add(recipient);
        }

        message.Headers.Add("Message-ID", $"<{entry.Key.Replace('/', '.')}@aiops>");
        message.Headers.Add("X-AiOps-Idempotency-Key", entry.Key);
        return await SendAsync(message, cancellation);
    }

    private async Task<SendResult> SendAsync(MailMessage message, CancellationToken cancellation)
    {
        using var smtp = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpSsl, Timeout = 15000 };
        if (settings.SmtpUser.Length > 0)
        {
            smtp.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
        }

        try
        {
            await smtp.SendMailAsync(message, cancellation);
            return SendResult.Sent();
        }
        catch (SmtpException e)
        {
            return SendResult.Failed($"email: {e.Message}");
        }
    }

    /// <summary>One mail for all notifications held back during a storm, to the recipients of every severity in it.</summary>
    public async Task<SendResult> SendDigestAsync(IReadOnlyList<OutboxEntry> entries, NotifyPolicy policy, CancellationToken cancellation)
    {
        var recipients = entries.Select(e => e.Severity.ToString().ToLowerInvariant()).Distinct()
            .SelectMany(s => policy.Channels.Email.Recipients.GetValueOrDefault(s) ?? []).Distinct().ToList();
        if (recipients.Count == 0 || string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            return SendResult.NotConfigured("email digest: no recipients or no SMTP relay");
        }

        using var message = new MailMessage
        {
            From = new MailAddress(settings.From),
            Subject = $"AiOps digest: {entries.Count} incident notifications during a notification storm",
            Body = string.Join("\n", entries.Select(e => $"{e.CreatedAt:u}  {NotificationText.Subject(e, policy)}  {IncidentLink.Of(settings, e.IncidentId)}")),
        };
        foreach (var recipient in recipients)
        {
            message.To.Add(recipient);
        }

        return await SendAsync(message, cancellation);
    }

    private string Body(OutboxEntry entry) => string.Join('\n',
        $"Incident:  {entry.IncidentId}",
        $"Ship:      {entry.ShipId}",
        $"Type:      {entry.IncidentType}",
        $"Severity:  {entry.Severity.ToString().ToLowerInvariant()}",
        $"Status:    {entry.Status.ToString().ToLowerInvariant()} ({entry.Transition}{(entry.Actor is null ? "" : $" by {entry.Actor}")})",
        $"At:        {entry.CreatedAt:u}",
        $"Link:      {IncidentLink.Of(settings, entry.IncidentId)}");
}
