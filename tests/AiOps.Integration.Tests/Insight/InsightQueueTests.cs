using AiOps.Core.Policy;
using AiOps.Insight;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Insight;

[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class InsightQueueTests
{
    private static InsightQueue Queue(int size, TimeProvider? clock = null)
    {
        var bundle = PolicyLoader.Load(Support.PolicyFolder.Copy());
        bundle.Fleet.Llm.QueueSize = size;
        return new InsightQueue(new StaticPolicyProvider(bundle), clock);
    }

    private static InsightRequest Request(string id, int priority, InsightWork work = InsightWork.Narrate) =>
        new(id, "ship-a", priority, DateTimeOffset.UtcNow, work);

    [Fact]
    public async Task Requests_come_out_by_severity_priority_and_a_repeat_replaces_the_waiting_one()
    {
        var queue = Queue(10);
        queue.Enqueue(Request("low", 3));
        queue.Enqueue(Request("critical", 10));
        queue.Enqueue(Request("medium", 5));
        queue.Enqueue(Request("low", 7)); // the incident's severity rose while it waited

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await queue.TakeAsync(CancellationToken.None)).IncidentId);
        }

        Assert.Equal(["critical", "low", "medium"], order);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_repeat_while_waiting_brings_the_newer_incident_and_keeps_the_first_request_time()
    {
        var queue = Queue(10);
        var first = Request("i-1", 5) with { Incident = Incident("i-1", anomalies: 1) };
        queue.Enqueue(first);
        queue.Enqueue(Request("i-1", 5) with { RequestedAt = first.RequestedAt.AddSeconds(2), Incident = Incident("i-1", anomalies: 4) });

        var taken = await queue.TakeAsync(CancellationToken.None);

        Assert.Equal(4, taken.Incident!.AnomalyCount);
        Assert.Equal(first.RequestedAt, taken.RequestedAt);
        Assert.Equal(0, queue.Count);
    }

    private static AiOps.Contracts.Messages.Incident Incident(string id, int anomalies) => new()
    {
        TrackingId = "t-1",
        Ts = DateTimeOffset.UnixEpoch,
        ShipId = "ship-a",
        IncidentId = id,
        IncidentType = "app_degradation",
        Severity = AiOps.Contracts.Severity.High,
        Status = AiOps.Contracts.IncidentStatus.Open,
        Scope = [],
        CorrKeys = [],
        SuppressKey = "k",
        Timeline = [],
        Evidence = [],
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        AnomalyCount = anomalies,
        DuplicateCount = 0,
        TrackingIds = ["t-1"],
        FirstEventTs = DateTimeOffset.UnixEpoch,
        LastEventTs = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_full_queue_never_blocks_and_turns_the_extra_request_into_a_rule_based_one_served_apart()
    {
        var queue = Queue(2);
        queue.Enqueue(Request("a", 5));
        queue.Enqueue(Request("b", 5));

        for (var i = 0; i < 50; i++)
        {
            queue.Enqueue(Request($"over-{i}", 10));
        }

        // The overflow does not wait behind the model's workers: its own lane has it at once, and no more than
        // queue_size ever waits for the model.
        var first = await queue.TakeWithoutModelAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(("over-0", InsightWork.NarrateWithoutModel), (first!.IncidentId, first.Work));
        Assert.Equal(2, queue.Waiting);
        Assert.Equal("a", (await queue.TakeAsync(CancellationToken.None)).IncidentId);
    }

    [Fact]
    public async Task A_request_that_waited_half_the_insight_budget_for_the_model_goes_without_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = Queue(10, clock);
        queue.Enqueue(Request("stuck", 5));
        queue.Enqueue(Request("learn", 5, InsightWork.Learn));
        Assert.Null(await queue.TakeWithoutModelAsync(TimeSpan.Zero, CancellationToken.None));

        clock.Advance(TimeSpan.FromMilliseconds(PolicyLoader.Load(Support.PolicyFolder.Copy()).Fleet.Llm.InsightBudgetMs / 2.0 + 1));

        var expired = await queue.TakeWithoutModelAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(("stuck", InsightWork.NarrateWithoutModel), (expired!.IncidentId, expired.Work));
        Assert.Equal(1, queue.Waiting); // learning is not urgent: it keeps waiting for the model
    }

    [Fact]
    public async Task Taking_waits_for_work_and_honours_cancellation()
    {
        var queue = Queue(2);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.TakeAsync(cancel.Token).AsTask());
    }
}
