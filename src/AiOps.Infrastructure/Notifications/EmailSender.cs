using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// notify.yaml <c>email</c>: plain-text mail over SMTP with MailKit (Notifications:SmtpHost; STARTTLS with
/// Notifications:SmtpSsl) to the recipients of the
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

        using var message = Message(NotificationText.Subject(entry, policy), Body(entry), recipients);
        message.MessageId = $"{entry.Key.Replace('/', '.')}@aiops";
        message.Headers.Add("X-AiOps-Idempotency-Key", entry.Key);
        return await SendAsync(message, cancellation);
    }

    private MimeMessage Message(string subject, string body, IEnumerable<string> recipients)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.AddRange(recipients.Select(MailboxAddress.Parse));
        return message;
    }

    private async Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellation)
    {
        using var smtp = new SmtpClient { Timeout = 15000 };
        try
        {
            await smtp.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellation);
            if (settings.SmtpUser.Length > 0)
            {
                await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword, cancellation);
            }

            await smtp.SendAsync(message, cancellation);
            await smtp.DisconnectAsync(quit: true, cancellation);
            return SendResult.Sent();
        }
        catch (Exception e) when (e is CommandException or ProtocolException or AuthenticationException or SslHandshakeException
            or IOException or System.Net.Sockets.SocketException or TimeoutException)
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

        using var message = Message(
            $"AiOps digest: {entries.Count} incident notifications during a notification storm",
            string.Join("\n", entries.Select(e => $"{e.CreatedAt:u}  {NotificationText.Subject(e, policy)}  {IncidentLink.Of(settings, e.IncidentId)}")),
            recipients);
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
