using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// How AiOps calls out (notification webhooks, the remediation automation endpoint): one JSON POST carrying an
/// <c>Idempotency-Key</c> for the receiver to dedupe on and, with a secret, an HMAC-SHA256 of the body in
/// <c>X-AiOps-Signature: sha256=...</c> so the receiver can trust it came from us.
/// </summary>
public static class SignedJsonPost
{
    public const string SignatureHeader = "X-AiOps-Signature";

    /// <summary>The attempt's timeout, for the client's resilience pipeline (<see cref="NotificationHttp"/>) to apply.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> AttemptTimeout = new("aiops.attempt-timeout");

    /// <summary>True on a 2xx answer; the detail says what happened either way. Never throws for the network.</summary>
    public static async Task<(bool Ok, string Detail)> SendAsync(HttpClient http, Uri target, object payload, string idempotencyKey,
        string? secret, TimeSpan? timeout, CancellationToken cancellation)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, AiOpsJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        if (timeout is { } after)
        {
            request.Options.Set(AttemptTimeout, after);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellation);
            return (response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (false, $"unreachable: {e.Message}");
        }
        catch (TimeoutRejectedException e)
        {
            return (false, $"timed out after {e.Timeout.TotalSeconds:0.#} s");
        }
        catch (BrokenCircuitException)
        {
            return (false, "not tried: the circuit is open after repeated failures of this endpoint");
        }
    }
}
