using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Incidents;
using AiOps.Core.Pipeline;

namespace AiOps.Silo.Features.Warmup;

/// <summary>What the warm-up's pure run of the Fast Path produced, on throw-away state of the reserved ship.</summary>
internal sealed record WarmupSample(TelemetryBatch Batch, ServiceMonitorState Service, CorrelationState Correlation, IncidentState Incident)
{
    public List<CorrelationCandidate> Candidates { get; } = [];
}
