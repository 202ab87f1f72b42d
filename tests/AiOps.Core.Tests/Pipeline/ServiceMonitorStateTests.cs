using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Logs;
using AiOps.Core.Pipeline;

namespace AiOps.Core.Tests.Pipeline;

public sealed class ServiceMonitorStateTests
{
    [Fact]
    public void A_redelivered_batch_keeps_only_the_events_the_service_has_not_processed()
    {
        var state = new ServiceMonitorState();
        var seen = Make.Log("Database connection timeout");
        var sample = Make.Sample("cpu", 0.5, Make.T0);
        state.MarkDelivered(new TelemetryBatch { IngestedAt = Make.T0, Logs = [seen], Metrics = [sample] });
        var fresh = Make.Log("Disk full");

        var undelivered = state.Undelivered(new TelemetryBatch { IngestedAt = Make.T0, Logs = [seen, fresh], Metrics = [sample] });

        Assert.Equal([fresh.TrackingId], undelivered.Logs.Select(l => l.TrackingId));
        Assert.Empty(undelivered.Metrics);
    }

    [Fact]
    public void Templates_are_shown_most_frequent_first_with_their_level_mix()
    {
        var book = new LogTemplateBook();
        var miner = book.Miner(TemplateMinerOptions.Default);
        miner.Observe("Disk full on /var", MessageLevel.Error, Make.T0);
        miner.Observe("User 17 logged in", MessageLevel.Info, Make.T0);
        miner.Observe("User 18 logged in", MessageLevel.Warn, Make.T0);

        var views = book.Views();

        Assert.Equal(2L, views[0].Count);
        Assert.Equal((1L, 1L, 0L), (views[0].Levels["info"], views[0].Levels["warn"], views[0].Levels["error"]));
        Assert.Equal(1L, views[1].Count);
    }
}
