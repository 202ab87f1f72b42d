using AiOps.Core.Alerts;
using AiOps.Core.Detection;
using AiOps.Core.Enrichment;
using AiOps.Core.Storage;

namespace AiOps.Core.Pipeline;

/// <summary>
/// What one write of a <see cref="ServiceMonitorState"/> changed: the series, firing alerts and delivered ids as
/// their changes, the small parts whole.
/// </summary>
[GenerateSerializer, Alias("aiops.service-monitor-changes.v1")]
public sealed class ServiceMonitorChanges
{
    [Id(0)] public required MapChanges<MetricSeries> Series { get; set; }
    [Id(1)] public ServiceContext Context { get; set; } = new();
    [Id(2)] public long UntrackedSamples { get; set; }
    [Id(3)] public required RecentIdsChanges Delivered { get; set; }
    [Id(4)] public JournalPositions Journals { get; set; } = new();
    [Id(5)] public Logs.LogTemplateBook Logs { get; set; } = new();
    [Id(6)] public required MapChanges<FiringAlert> FiringAlerts { get; set; }
}
