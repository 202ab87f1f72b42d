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
    public void The_buffer_merges_stages_and_evicts_the_oldest()
    {
        var buffer = new TraceBuffer(2);
        buffer.Record(new TraceRecord { TrackingId = "a", Status = "pending", Stages = [new("ingested", Make.T0, "ok")] });
        buffer.Record(new TraceRecord { TrackingId = "a", Status = "complete", Stages = [new("incident", Make.T0, "opened")], IncidentId = "INC-1" });
        buffer.Record(new TraceRecord { TrackingId = "b", Status = "x", Stages = [] });
        buffer.Record(new TraceRecord { TrackingId = "c", Status = "x", Stages = [] });

        Assert.Null(buffer.Get("a"));
        Assert.NotNull(buffer.Get("c"));
        var merged = new TraceBuffer(5);
        merged.Record(new TraceRecord { TrackingId = "a", Status = "pending", Stages = [new("ingested", Make.T0, "ok")] });
        merged.Record(new TraceRecord { TrackingId = "a", Status = "complete", Stages = [new("incident", Make.T0, "opened")], IncidentId = "INC-1" });
        Assert.Equal(2, merged.Get("a")!.Stages.Count);
        Assert.Equal("INC-1", merged.Get("a")!.IncidentId);
    }

    [Fact]
    public void The_recent_store_answers_for_normal_events_within_its_capacity()
    {
        var store = new RecentTraceStore(16 * 4);
        for (var i = 0; i < 1000; i++)
        {
            store.Record($"id-{i}", Make.T0, Make.T0.AddMilliseconds(3));
        }

        var last = store.Get("id-999");
        Assert.NotNull(last);
        Assert.Equal(RecentTraceStore.NoAnomaly, last.Status);
        Assert.Null(store.Get("id-0"));
    }
}
