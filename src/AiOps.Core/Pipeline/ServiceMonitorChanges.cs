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
    [field: NonSerialized]
    public MapChanges<FiringAlert> FiringAlerts { get; set; } = new();

    /// <summary><see cref="FiringAlerts"/> as stored, in the compact format (<see cref="CompactMap"/>).</summary>
    [Id(7)]
    public ReadOnlyMemory<byte> StoredFiringAlerts
    {
        get => CompactMap.Write<FiringAlert, FiringAlertFormat>(FiringAlerts.Set, FiringAlerts.Removed);
        set => FiringAlerts = CompactMap.Read<FiringAlert, FiringAlertFormat>(value.Span);
    }

    /// <summary>Firing alerts as changes written before the compact format held them (field 6); read only.</summary>
    [Id(6)]
    public MapChanges<FiringAlert>? LegacyFiringAlerts
    {
        get => null;
        set
        {
            if (value is not null)
            {
                FiringAlerts = value;
            }
        }
    }
}
