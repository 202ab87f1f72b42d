namespace AiOps.Silo.Hosting;

/// <summary>The optional <c>{comment}</c> or <c>{reason}</c> body of approve and reject, as the OpenAPI document shows it.</summary>
public sealed record BodyText(string? Comment, string? Reason);
