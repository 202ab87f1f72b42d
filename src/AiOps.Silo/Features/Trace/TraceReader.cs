using AiOps.Core.Tracing;

namespace AiOps.Silo.Features.Trace;

/// <summary>Finds a trace in the trace store (the same one on every silo and the API-only front end).</summary>
public sealed class TraceReader(ITraceStore store)
{
    public async Task<TraceView?> FindAsync(string trackingId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(trackingId, cancellationToken);
        return record is null ? null : TraceView.From(record);
    }
}
