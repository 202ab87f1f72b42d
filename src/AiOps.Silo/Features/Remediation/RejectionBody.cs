using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Remediation;

/// <summary>The optional body of <c>POST /api/v3/approvals/{id}/reject</c>.</summary>
public sealed record RejectionBody : IJsonBody<RejectionBody>
{
    [Text(ExecuteBody.MaxReasonLength)]
    public string? Reason { get; init; }
}
