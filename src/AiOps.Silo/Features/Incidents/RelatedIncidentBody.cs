using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Incidents;

/// <summary>The body of <c>POST /api/v3/incidents/{id}/link</c> and <c>/merge</c>: the other incident.</summary>
public sealed record RelatedIncidentBody : IJsonBody<RelatedIncidentBody>
{
    public const int MaxIdLength = 200;

    [Text(MaxIdLength, Required = true)]
    public string IncidentId { get; init; } = null!;

    [Text(StatusPatch.MaxCommentLength)]
    public string? Comment { get; init; }
}
