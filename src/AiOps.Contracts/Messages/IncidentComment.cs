namespace AiOps.Contracts.Messages;

/// <summary>A comment on an incident, by the holder of the key that wrote it.</summary>
[GenerateSerializer, Immutable, Alias("aiops.incident-comment.v1")]
public sealed record IncidentComment(
    [property: Id(0)] string CommentId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Author,
    [property: Id(3)] string Text);
