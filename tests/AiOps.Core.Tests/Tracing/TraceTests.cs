using AiOps.Contracts.Pipeline;
using AiOps.Core.Tracing;

namespace AiOps.Core.Tests.Tracing;

public sealed class TraceTests
{
    [Fact]
    public void The_view_gives_per_stage_latency_and_the_total()
    {
        var record = new TraceRecord
        {
            TrackingId = "t1",
            Status = "complete",
            Stages =
            [
                new("correlated", Make.T0.AddMilliseconds(9), "opened"),
                new("ingested", Make.T0, "ok"),
                new("detected", Make.T0.AddMilliseconds(5), "anomaly"),
                new("enriched", Make.T0.AddMilliseconds(5), "ok"),
                new("incident", Make.T0.AddMilliseconds(12), "opened"),
            ],
        };

        var view = TraceView.From(record);

        Assert.Equal(["ingested", "detected", "enriched", "correlated", "incident"], view.Stages.Select(s => s.Stage));
        Assert.Equal([0, 5, 0, 4, 3], view.Stages.Select(s => s.LatencyMs));
        Assert.Equal(12, view.TotalLatencyMs);
    }

    [Fact]
    public void Parts_merge_into_one_trace_with_the_main_records_status_and_stages_in_time_order()
    {
        var main = new TraceRecord
        {
            TrackingId = "a",
            Status = "complete",
            IncidentId = "INC-1",
            Stages = [new("ingested", Make.T0, "ok"), new("detected", Make.T0.AddMilliseconds(2), "anomaly"), new("incident", Make.T0.AddMilliseconds(9), "opened")],
        };
        var insight = new TraceRecord { TrackingId = "a", Status = "complete", IncidentId = "INC-1", Stages = [new("insight", Make.T0.AddSeconds(3), "ollama")] };
        var normal = TraceParts.NormalRecord("a", Make.T0.UtcTicks, Make.T0.AddMilliseconds(1).UtcTicks);

        Assert.Equal(TraceParts.Main, TraceParts.Of(main));
        Assert.Equal(TraceParts.Later, TraceParts.Of(insight));
        var merged = TraceParts.Merge("a", [(TraceParts.Later, insight), (TraceParts.Normal, normal), (TraceParts.Main, main)])!;

        Assert.Equal("complete", merged.Status);
        Assert.Equal("INC-1", merged.IncidentId);
        Assert.Equal(["ingested", "detected", "incident", "insight"], merged.Stages.Select(s => s.Stage));
        Assert.Equal(TraceParts.NoAnomaly, TraceParts.Merge("a", [(TraceParts.Normal, normal)])!.Status);
        Assert.Null(TraceParts.Merge("a", [(TraceParts.Later, insight)]));
    }
}
