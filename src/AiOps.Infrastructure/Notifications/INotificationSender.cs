using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;

namespace AiOps.Infrastructure.Notifications;

/// <summary>Sends one outbox entry on one channel. Every send carries the entry's key for the receiver to dedupe on.</summary>
public interface INotificationSender
{
    string Channel { get; }

    Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation);
}

/// <summary>Sent, not configured (nothing to retry), or failed with a reason (retried with backoff until notify.yaml give_up_after).</summary>
public readonly record struct SendResult(string Outcome, string? Detail)
{
    public static SendResult Sent(string? detail = null) => new(OutboxState.Sent, detail);
    public static SendResult NotConfigured(string detail) => new(OutboxState.NotConfigured, detail);
    public static SendResult Failed(string detail) => new(OutboxState.Failed, detail);
}
