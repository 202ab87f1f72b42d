using AiOps.Contracts.Pipeline;

namespace AiOps.Infrastructure.Notifications;

/// <summary>A notification channel's POST: the entry's key as the idempotency key, and its outcome as a send result.</summary>
internal static class HttpNotificationPost
{
    public static async Task<SendResult> SendAsync(HttpClient http, string url, object payload, OutboxEntry entry, string? secret, int timeoutSec, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return SendResult.NotConfigured($"{entry.Channel}: no valid URL configured");
        }

        var (ok, detail) = await SignedJsonPost.SendAsync(http, target, payload, entry.Key, secret, TimeSpan.FromSeconds(timeoutSec), cancellation);
        return ok ? SendResult.Sent(detail) : SendResult.Failed($"{entry.Channel} {detail}");
    }
}
