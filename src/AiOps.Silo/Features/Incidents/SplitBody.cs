using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Incidents;

/// <summary>The body of <c>POST /api/v3/incidents/{id}/split</c>: the members that move to a new incident.</summary>
public sealed record SplitBody : IJsonBody<SplitBody>
{
    public const int MaxTrackingIds = 10_000;

    [Items(MaxTrackingIds, Required = true)]
    public IReadOnlyList<string> TrackingIds { get; init; } = null!;

    [Text(StatusPatch.MaxCommentLength)]
    public string? Comment { get; init; }
}
