using AiOps.Contracts.Remediation;
using AiOps.Infrastructure.Notifications;

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
        var payload = new
        {
            execution.ExecutionId,
            execution.Action,
            Phase = phase,
            execution.ShipId,
            execution.Service,
            execution.IncidentId,
            execution.RequestedBy,
            Approvers = execution.Approvals.Select(a => a.By),
        };

        // The runner bounds each phase with the action's timeout through the cancellation token.
        var (ok, detail) = await SignedJsonPost.SendAsync(http, endpoint, payload, $"{execution.ExecutionId}:{phase}", secret, null, cancellation);
        return new PhaseResult(ok, $"{phase}: automation endpoint {detail}");
    }
}
