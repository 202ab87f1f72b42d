namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// What durable ingest takes from the host's installation settings; the host reads them from its configuration
/// (<c>AiOps</c> section), a test sets them, so this project needs nothing of the host.
/// </summary>
/// <param name="DataDirectory">The ingest journal lives in its <c>journal</c> folder (the embedded default).</param>
/// <param name="ShipId">The ship an event read from NATS belongs to when its sender left <c>ship_id</c> out.</param>
public sealed record DurableIngestSettings(string DataDirectory, string ShipId);
