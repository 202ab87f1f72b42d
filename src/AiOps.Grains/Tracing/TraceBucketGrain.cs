using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Tracing;
using AiOps.Core.Policy;
using AiOps.Grains.Services;

namespace AiOps.Grains.Tracing;

/// <summary>
/// One bucket of anomalous events' traces, kept in memory up to its share of the policy's capacity.
/// Traces are diagnostics: the incident itself is what is durable.
/// </summary>
public sealed class TraceBucketGrain(PolicyRuntime policy) : Grain, ITraceBucketGrain
{
    private readonly TraceBuffer _buffer = new(Math.Max(1, policy.Fleet.Ingest.Trace.AnomalousCapacity / policy.TraceBuckets));

    public Task RecordAsync(IReadOnlyList<TraceRecord> records)
    {
        foreach (var record in records)
        {
            _buffer.Record(record);
        }

        return Task.CompletedTask;
    }

    public Task<TraceRecord?> GetAsync(string trackingId) => Task.FromResult(_buffer.Get(trackingId));

    public Task<int> PruneAsync(DateTimeOffset before) => Task.FromResult(_buffer.Prune(before));
}
