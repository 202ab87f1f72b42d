using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>
/// Where traces live for retention.yaml's <c>traces_hours</c>: recorded without waiting for I/O, written behind in
/// batches, read back merged (the correlation's stages and later parts such as <c>insight</c> form one trace).
/// </summary>
public interface ITraceStore
{
    /// <summary>Write-behind: buffered, written in batches by a background writer. Never blocks on I/O
    /// (only, briefly, on a full buffer: see ingest.yaml <c>trace.full_wait_ms</c>).</summary>
    void Record(IReadOnlyList<TraceRecord> records);

    /// <summary>Allocation-light path for a normal (no anomaly) event: stages ingested + detected (status no_anomaly).</summary>
    void RecordNormal(string trackingId, DateTimeOffset ingestedAt, DateTimeOffset detectedAt);

    /// <summary>Completes when everything recorded before the call is durable (committed to the store).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    Task<TraceRecord?> GetAsync(string trackingId, CancellationToken cancellationToken = default);

    /// <summary>Removes traces that began before <paramref name="before"/>; returns how many stored parts went.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Records waiting to be written (for back-pressure and /metrics).</summary>
    int Pending { get; }

    /// <summary>Records dropped because the buffer stayed full (aiops_traces_dropped_total).</summary>
    long Dropped { get; }
}
