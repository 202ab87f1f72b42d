using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// Watches one ship's service (key <c>{ship_id}/{service}</c>): runs the log and metric detectors on the
/// service's telemetry, enriches anomalies from the service's own recent history and hands them to correlation.
/// </summary>
[Alias("aiops.service-monitor")]
[Alias("aiops.service-monitor-grain")]
public interface IServiceMonitorGrain : IGrainWithStringKey
{
    /// <summary>Processes a batch that no durable source numbered (tests and tools).</summary>
    [Alias("process")]
    Task ProcessAsync(TelemetryBatch batch);

    /// <summary>
    /// Processes batches from an ingest journal, in its order. A batch at or below the position this service has
    /// already taken from that journal (a replay after a crash) is skipped. The position is saved with the
    /// detector state, on the checkpoint timer or by <see cref="FlushAsync"/>.
    /// </summary>
    [Alias("process-journaled")]
    Task ProcessJournaledAsync(string journalId, IReadOnlyList<JournaledBatch> batches);

    /// <summary>Persists the detector state and journal positions now, if anything changed.</summary>
    [Alias("flush")]
    Task FlushAsync();

    /// <summary>
    /// Processes a batch from a durable source (NATS JetStream) and persists before it returns, so the caller
    /// may acknowledge it. Events already processed (a redelivery) are recognised by tracking id and skipped.
    /// Returns how many events were new.
    /// </summary>
    [Alias("process-durably")]
    Task<int> ProcessDurablyAsync(TelemetryBatch batch);

    /// <summary>The service's mined log templates, most frequent first.</summary>
    [Alias("templates")]
    Task<IReadOnlyList<LogTemplateView>> TemplatesAsync();

    /// <summary>Someone acted on an incident holding these templates: they are no longer chronic noise.</summary>
    [Alias("templates-acted-on")]
    Task MarkTemplatesActedOnAsync(IReadOnlyList<int> templateIds);
}
