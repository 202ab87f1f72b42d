using AiOps.Contracts.Grains;
using AiOps.Core.Tracing;
using AiOps.Core.Policy;
using AiOps.Grains.Services;

namespace AiOps.Silo.Features.Trace;

/// <summary>Finds a trace: anomalous events in the trace buckets, normal ones in this silo's recent store.</summary>
public sealed class TraceReader(IGrainFactory grains, RecentTraceStore recent, PolicyRuntime policy)
{
    public async Task<TraceView?> FindAsync(string trackingId)
    {
        var bucket = ITraceBucketGrain.BucketOf(trackingId, policy.TraceBuckets);
        var record = await grains.GetGrain<ITraceBucketGrain>(bucket).GetAsync(trackingId) ?? recent.Get(trackingId);
        return record is null ? null : TraceView.From(record);
    }
}
