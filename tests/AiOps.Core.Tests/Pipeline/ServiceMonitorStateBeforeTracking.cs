using AiOps.Core.Alerts;
using AiOps.Core.Detection;

namespace AiOps.Core.Tests.Pipeline;

/// <summary>The fields of <see cref="Core.Pipeline.ServiceMonitorState"/> as states were written before its maps were tracked.</summary>
[GenerateSerializer, Alias("aiops.tests.service-monitor-state-before-tracking")]
public sealed class ServiceMonitorStateBeforeTracking
{
    [Id(0)] public Dictionary<string, MetricSeries> Series { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public long UntrackedSamples { get; set; }
    [Id(6)] public Dictionary<string, FiringAlert> FiringAlerts { get; set; } = new(StringComparer.Ordinal);
}
