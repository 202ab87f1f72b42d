using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>The answer of <c>GET /api/v3/trace/{id}</c>: stages with their real times and the latency of each.</summary>
public sealed record TraceView(
    string TrackingId,
    string Status,
    double TotalLatencyMs,
    IReadOnlyList<TraceStageView> Stages,
    string? IncidentId)
{
    public static TraceView From(TraceRecord record)
    {
        var ordered = record.Stages.OrderBy(s => s.Ts).ThenBy(s => StageOrder.IndexOf(s.Stage)).ToList();
        var views = new List<TraceStageView>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var latency = i == 0 ? 0 : (ordered[i].Ts - ordered[i - 1].Ts).TotalMilliseconds;
            views.Add(new TraceStageView(ordered[i].Stage, ordered[i].Ts, Math.Round(latency, 3), ordered[i].Status, ordered[i].Error));
        }

        // The total is the Fast Path's (ingest to its last stage); the asynchronous insight keeps its own latency.
        var fastPath = ordered.Where(s => s.Stage != "insight").ToList();
        var total = fastPath.Count < 2 ? 0 : (fastPath[^1].Ts - fastPath[0].Ts).TotalMilliseconds;
        return new TraceView(record.TrackingId, record.Status, Math.Round(total, 3), views, record.IncidentId);
    }

    private static readonly List<string> StageOrder = ["ingested", "detected", "enriched", "correlated", "incident", "insight"];
}
