using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Ingest;

/// <summary>The 202 answer of the ingest endpoints.</summary>
public sealed record IngestResponse(int Accepted, int Rejected, IReadOnlyList<string> TrackingIds, IReadOnlyList<IngestItemError> Errors);
