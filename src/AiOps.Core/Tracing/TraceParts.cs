using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>
/// The parts one tracking id's trace is stored as, and how they merge on read: a normal event's
/// (<see cref="Normal"/>), the correlation's record (<see cref="Main"/>: ingested, detected, enriched, correlated,
/// incident) and stages added later by the incident (<see cref="Later"/>: insight). The main record decides status
/// and incident id; stages are ordered by time. A later part alone is not a trace.
/// </summary>
public static class TraceParts
{
    public const int Normal = 0;
    public const int Main = 1;
    public const int Later = 2;

    public const string NoAnomaly = "no_anomaly";

    private static readonly string[] StageOrder = ["ingested", "detected", "enriched", "correlated", "incident", "insight"];

    /// <summary>A record made only of stages after the Fast Path (insight) is a later part; any other is the main one.</summary>
    public static int Of(TraceRecord record) =>
        record.Stages.Count > 0 && record.Stages.All(s => s.Stage == "insight") ? Later : Main;

    public static long StartTicks(TraceRecord record)
    {
        if (record.Stages.Count == 0)
        {
            return 0;
        }

        var start = long.MaxValue;
        foreach (var stage in record.Stages)
        {
            start = Math.Min(start, stage.Ts.UtcTicks);
        }

        return start;
    }

    public static TraceRecord NormalRecord(string trackingId, long ingestedTicks, long detectedTicks) => new()
    {
        TrackingId = trackingId,
        Status = NoAnomaly,
        Stages =
        [
            new TraceStage("ingested", new DateTimeOffset(ingestedTicks, TimeSpan.Zero), "ok"),
            new TraceStage("detected", new DateTimeOffset(detectedTicks, TimeSpan.Zero), NoAnomaly),
        ],
    };

    /// <summary>One trace from its stored parts, or null when there is no normal or main part.</summary>
    public static TraceRecord? Merge(string trackingId, IEnumerable<(int Part, TraceRecord Record)> parts)
    {
        var all = parts.ToList();
        var main = all.Find(p => p.Part == Main).Record ?? all.Find(p => p.Part == Normal).Record;
        if (main is null)
        {
            return null;
        }

        var stages = main.Stages.ToList();
        string? laterIncident = null;
        foreach (var (_, record) in all.Where(p => p.Part == Later))
        {
            stages.AddRange(record.Stages.Where(s => stages.All(known => known.Stage != s.Stage)));
            laterIncident ??= record.IncidentId;
        }

        return new TraceRecord
        {
            TrackingId = trackingId,
            Status = main.Status,
            Stages = stages.OrderBy(s => s.Ts).ThenBy(s => Array.IndexOf(StageOrder, s.Stage)).ToList(),
            IncidentId = main.IncidentId ?? laterIncident,
        };
    }
}
