using System.Diagnostics.Metrics;
using AiOps.Core.Tracing;
using AiOps.Grains.Monitoring;

namespace AiOps.Silo.Features.Trace;

/// <summary>
/// Starts the trace store with the host, exports its buffer on <c>/metrics</c> (<c>aiops_traces_pending</c>,
/// <c>aiops_traces_dropped_total</c>) and, on a graceful stop, writes what is still buffered. Registered before
/// the silo so that it stops after it, once the grains' last traces are recorded; disposing the store (with the
/// container) writes anything recorded after that.
/// </summary>
public sealed class TraceStoreService(ITraceStore store, IMeterFactory meters) : IHostedService
{
    private Meter? _meter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _meter = meters.Create(FastPathMetrics.MeterName);
        _meter.CreateObservableGauge("aiops.traces.pending", () => store.Pending, "{trace}", "Traces waiting to be written to the trace store");
        _meter.CreateObservableCounter("aiops.traces.dropped", () => store.Dropped, "{trace}",
            "Traces dropped because the trace store's write-behind buffer stayed full");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => store.FlushAsync(cancellationToken);
}
