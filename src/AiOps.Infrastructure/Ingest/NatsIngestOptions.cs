namespace AiOps.Infrastructure.Ingest;

/// <summary>The <c>Nats</c> configuration section: JetStream ingestion from a Vector deployment.</summary>
public sealed class NatsIngestOptions
{
    public const string Section = "Nats";

    /// <summary>e.g. <c>nats://nats:4222</c>; ingestion from NATS is on when set.</summary>
    public string? Url { get; set; }

    public string Stream { get; set; } = "AIOPS_TELEMETRY";

    public string Consumer { get; set; } = "aiops-fast-path";

    /// <summary>
    /// The subjects Vector publishes to; <c>telemetry.metrics.&gt;</c> carries metric samples, <c>alerts.ingested.&gt;</c>
    /// the alerts taken on <c>/api/v2/alerts</c> (AiOps's own JSON), the rest logs.
    /// </summary>
    public List<string> Subjects { get; set; } = ["logs.anomalous", "logs.ingested.>", "telemetry.metrics.>", "alerts.ingested.>"];

    public int FetchBatch { get; set; } = 500;

    /// <summary>
    /// How long a message may stay unacknowledged before JetStream redelivers it: what a silo's death delays its
    /// in-flight events by. A redelivery of an event that was processed after all is recognised and not counted.
    /// </summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait before trying NATS again after it failed (unreachable, fetch error).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
