using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Remediation;

/// <summary>The optional body of <c>POST /api/v3/approvals/{id}/approve</c>.</summary>
public sealed record ApprovalBody : IJsonBody<ApprovalBody>
{
    [Text(ExecuteBody.MaxReasonLength)]
    public string? Comment { get; init; }
}
