using AiOps.Contracts.Pipeline;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Core.Notifications;

namespace AiOps.Grains.Notifications;

/// <summary>One JSON POST with the entry's idempotency key, optionally signed, and its outcome.</summary>
internal static class HttpNotificationPost
{
    public static async Task<SendResult> SendAsync(HttpClient http, string url, object payload, OutboxEntry entry, string? secret, int timeoutSec, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return SendResult.NotConfigured($"{entry.Channel}: no valid URL configured");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(payload, AiOpsJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", entry.Key);
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add("X-AiOps-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSec));
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? SendResult.Sent($"{(int)response.StatusCode}")
                : SendResult.Failed($"{entry.Channel} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Failed($"{entry.Channel} unreachable: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return SendResult.Failed($"{entry.Channel} timed out after {timeoutSec} s");
        }
    }
}
