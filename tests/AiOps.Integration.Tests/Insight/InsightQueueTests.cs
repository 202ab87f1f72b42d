using AiOps.Core.Policy;
using AiOps.Insight;

namespace AiOps.Integration.Tests.Insight;

public sealed class InsightQueueTests
{
    private static InsightQueue Queue(int size)
    {
        var bundle = PolicyLoader.Load(Support.PolicyFolder.Copy());
        bundle.Fleet.Llm.QueueSize = size;
        return new InsightQueue(new StaticPolicyProvider(bundle));
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
    public async Task A_full_queue_never_blocks_and_turns_the_extra_request_into_a_rule_based_one()
    {
        var queue = Queue(2);
        queue.Enqueue(Request("a", 5));
        queue.Enqueue(Request("b", 5));

        queue.Enqueue(Request("c", 10));

        var first = await queue.TakeAsync(CancellationToken.None);
        Assert.Equal("c", first.IncidentId);
        Assert.Equal(InsightWork.NarrateWithoutModel, first.Work);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task Taking_waits_for_work_and_honours_cancellation()
    {
        var queue = Queue(2);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.TakeAsync(cancel.Token).AsTask());
    }
}
