using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Core.Remediation;

namespace AiOps.Silo.Features.Remediation;

/// <summary>
/// Asks the ship's automation endpoint (<c>Remediation:AutomationUrl</c>) to run one phase of an action. The
/// body names the action and target as data; a 2xx answer means done. With <c>Remediation:AutomationSecret</c>
/// the body is signed (<c>X-AiOps-Signature: sha256=HMAC</c>) so the endpoint can trust it came from us.
/// </summary>
public sealed class WebhookActionExecutor(HttpClient http, Uri endpoint, string? secret) : IActionExecutor
{
    public bool Acts => true;

    public async Task<PhaseResult> RunAsync(ActionExecution execution, string phase, CancellationToken cancellation)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            execution.ExecutionId,
            execution.Action,
            Phase = phase,
            execution.ShipId,
            execution.Service,
            execution.IncidentId,
            execution.RequestedBy,
            Approvers = execution.Approvals.Select(a => a.By),
        }, AiOpsJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", $"{execution.ExecutionId}:{phase}");
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add("X-AiOps-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        try
        {
            using var response = await http.SendAsync(request, cancellation);
            return new PhaseResult(response.IsSuccessStatusCode, $"{phase}: automation endpoint answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return new PhaseResult(false, $"{phase}: automation endpoint unreachable ({e.Message})");
        }
    }
}
