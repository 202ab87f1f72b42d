using AiOps.Contracts.Messages;

namespace AiOps.Silo.Features.Silences;

/// <summary>The answer of <c>GET /api/v3/silences</c>, newest first.</summary>
public sealed record SilenceListResponse(IReadOnlyList<Silence> Data);
