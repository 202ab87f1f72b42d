using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Incidents;

/// <summary>The optional body of <c>POST /api/v3/incidents/{id}/reopen</c>: why it is reopened.</summary>
public sealed record ReopenBody : IJsonBody<ReopenBody>
{
    [Text(StatusPatch.MaxCommentLength)]
    public string? Comment { get; init; }
}
