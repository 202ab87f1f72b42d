using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// Watches one ship's service (key <c>{ship_id}/{service}</c>): consumes its telemetry stream, runs the log and
/// metric detectors, enriches anomalies from the service's own recent history and hands them to correlation.
/// </summary>
public interface IServiceMonitorGrain : IGrainWithStringKey
{
    /// <summary>Processes a batch as if it had arrived on the service's stream.</summary>
    Task ProcessAsync(TelemetryBatch batch);

    /// <summary>
    /// Processes a batch from a durable source (NATS JetStream) and persists before it returns, so the caller
    /// may acknowledge it. Events already processed (a redelivery) are recognised by tracking id and skipped.
    /// Returns how many events were new.
    /// </summary>
    Task<int> ProcessDurablyAsync(TelemetryBatch batch);
}
