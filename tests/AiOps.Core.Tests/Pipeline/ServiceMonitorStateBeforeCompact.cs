using AiOps.Core.Alerts;
using AiOps.Core.Storage;

namespace AiOps.Core.Tests.Pipeline;

/// <summary>
/// The fields of <see cref="Core.Pipeline.ServiceMonitorState"/> and <see cref="Core.Pipeline.ServiceMonitorChanges"/>
/// as the Orleans serializer wrote them before the firing alerts and delivered ids had the compact format.
/// </summary>
[GenerateSerializer, Alias("aiops.tests.service-monitor-state-before-compact")]
public sealed class ServiceMonitorStateBeforeCompact
{
    [Id(3)] public RecentIdsBeforeCompact Delivered { get; set; } = new();
    [Id(8)] public TrackedMap<FiringAlert> FiringAlerts { get; set; } = new();
}

[GenerateSerializer, Alias("aiops.tests.service-monitor-changes-before-compact")]
public sealed class ServiceMonitorChangesBeforeCompact
{
    [Id(6)] public MapChanges<FiringAlert> FiringAlerts { get; set; } = new();
}

[GenerateSerializer, Alias("aiops.tests.recent-ids-before-compact")]
public sealed class RecentIdsBeforeCompact
{
    [Id(0)] public List<string> Order { get; set; } = [];
}
