using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Incidents;

/// <summary>The body of <c>POST /api/v3/incidents/{id}/comments</c>.</summary>
public sealed record CommentBody : IJsonBody<CommentBody>
{
    [Text(StatusPatch.MaxCommentLength, Required = true)]
    public string Text { get; init; } = null!;
}
