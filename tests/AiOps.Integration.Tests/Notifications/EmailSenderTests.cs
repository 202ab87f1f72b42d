using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Notifications;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// The e-mail sender (MailKit) against <see cref="SmtpSink"/>, the suite's in-test SMTP stand-in (not a real mail
/// server): the message arrives with the incident's subject, body, Message-ID and recipients.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class EmailSenderTests
{
    [Fact]
    public async Task A_notification_arrives_with_its_subject_body_and_idempotent_message_id()
    {
        await using var smtp = new SmtpSink();
        var policy = PolicyLoader.Load(PolicyFolder.Copy()).Fleet.Notify;
        var sender = new EmailSender(new NotificationSettings
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = smtp.Port,
            From = "aiops@ship.example",
            PublicUrl = "https://aiops.example",
        });
        var outbox = new List<OutboxEntry>();
        NotificationPlanner.Enqueue(outbox, policy, "inc-mail-1", "ship-9", "link_degradation", Severity.High, IncidentStatus.Open,
            NotificationPlanner.Opened, null, DateTimeOffset.UtcNow);
        var entry = outbox.Single(e => e.Channel == "email");

        var result = await sender.SendAsync(entry, policy, CancellationToken.None);

        Assert.Equal(OutboxState.Sent, result.Outcome);
        var mail = Assert.Single(smtp.Messages);
        Assert.Contains("aiops@ship.example", mail.From);
        Assert.Equal(policy.Channels.Email.Recipients["high"].Order(), mail.Recipients.Order());
        Assert.Contains("Subject: New high incident: link_degradation on ship-9", mail.Raw);
        Assert.Contains("Incident:  inc-mail-1", mail.Raw);
        Assert.Contains("Ship:      ship-9", mail.Raw);
        Assert.Contains("Link:      https://aiops.example/api/v3/incidents/inc-mail-1", mail.Raw);
        Assert.Contains("Message-Id: <inc-mail-1.opened.email@aiops>", mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"X-AiOps-Idempotency-Key: {entry.Key}", mail.Raw);
    }

    [Fact]
    public async Task A_relay_that_is_not_there_is_a_failed_attempt_for_the_outbox_to_retry()
    {
        var policy = PolicyLoader.Load(PolicyFolder.Copy()).Fleet.Notify;
        var sender = new EmailSender(new NotificationSettings { SmtpHost = "127.0.0.1", SmtpPort = FreePorts.Next() });
        var outbox = new List<OutboxEntry>();
        NotificationPlanner.Enqueue(outbox, policy, "inc-mail-2", "ship-9", "link_degradation", Severity.High, IncidentStatus.Open,
            NotificationPlanner.Opened, null, DateTimeOffset.UtcNow);

        var result = await sender.SendAsync(outbox.Single(e => e.Channel == "email"), policy, CancellationToken.None);

        Assert.Equal(OutboxState.Failed, result.Outcome);
        Assert.StartsWith("email: ", result.Detail);
    }
}
