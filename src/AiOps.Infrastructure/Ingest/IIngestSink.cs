using AiOps.Contracts.Pipeline;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// Where accepted events go before the <c>202</c>: the local ingest journal, or JetStream in a cluster with NATS.
/// <see cref="AcceptAsync"/> completes only once the events are durable there.
/// </summary>
public interface IIngestSink
{
    /// <summary>What a <c>202</c> promises here, for <c>/health/ready</c> and the README.</summary>
    string Durability { get; }

    Task AcceptAsync(IReadOnlyList<TelemetryBatch> batches, CancellationToken cancellationToken);

    /// <summary>How far behind the Fast Path is: the age of the oldest accepted, unprocessed event and how many wait.</summary>
    IngestLag Lag { get; }
}
