using System.Collections.Concurrent;
using AiOps.Core.Journal;

namespace AiOps.Core.Tests.Journal;

public sealed class ServiceLanesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>A delivery function whose calls finish only when the test says so, per service.</summary>
    private sealed class Deliveries
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

        public ConcurrentQueue<(string Key, long[] Lsns)> Calls { get; } = new();

        public void Hold(string key) => _gates[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(string key) => _gates[key].TrySetResult();

        public async Task DeliverAsync(string key, IReadOnlyList<LaneItem<string>> items, CancellationToken stopping)
        {
            Calls.Enqueue((key, items.Select(i => i.Lsn).ToArray()));
            if (_gates.TryGetValue(key, out var gate))
            {
                await gate.Task.WaitAsync(stopping);
            }
        }
    }

    private static (string, LaneItem<string>) Entry(string key, long lsn, int events = 1) =>
        (key, new LaneItem<string>(lsn, $"{key}@{lsn}", events, DateTimeOffset.UnixEpoch.AddSeconds(lsn).UtcTicks));

    private static Task UntilAsync(Func<bool> condition) =>
        Poll.UntilAsync(condition, "condition not met before the deadline", Deadline);

    [Fact]
    public async Task A_slow_service_does_not_hold_back_another_but_holds_the_low_water_mark()
    {
        var deliveries = new Deliveries();
        var lanes = new ServiceLanes<string>(deliveries.DeliverAsync, completedLsn: 0, maxEntriesPerCall: 8, maxEventsInFlight: 1000);
        deliveries.Hold("slow");
        lanes.Start(CancellationToken.None);

        lanes.Add([Entry("slow", 1), Entry("fast", 2), Entry("fast", 3)]);
        await UntilAsync(() => deliveries.Calls.Any(c => c.Key == "fast" && c.Lsns.Contains(3)));
        await UntilAsync(() => lanes.PendingEvents == 1);

        Assert.Equal(0, lanes.CompletedLsn); // entry 1 is not delivered yet, so the journal must keep 1..3
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), lanes.OldestPending);

        deliveries.Release("slow");
        await UntilAsync(() => lanes.CompletedLsn == 3);
        Assert.Null(lanes.OldestPending);
        Assert.Equal(0, lanes.PendingEvents);
        Assert.Equal(["fast", "slow"], lanes.TakeTouched().Order());
        Assert.Empty(lanes.TakeTouched());
    }

    [Fact]
    public async Task A_service_gets_its_entries_in_journal_order_and_in_calls_of_bounded_size()
    {
        var deliveries = new Deliveries();
        var lanes = new ServiceLanes<string>(deliveries.DeliverAsync, completedLsn: 10, maxEntriesPerCall: 3, maxEventsInFlight: 1000);
        deliveries.Hold("a");
        lanes.Start(CancellationToken.None);
        lanes.Add([Entry("a", 11)]);
        await UntilAsync(() => deliveries.Calls.Count == 1);
        lanes.Add(Enumerable.Range(12, 7).Select(lsn => Entry("a", lsn)));

        deliveries.Release("a");
        await UntilAsync(() => lanes.CompletedLsn == 18);

        var calls = deliveries.Calls.ToList();
        Assert.All(calls, c => Assert.True(c.Lsns.Length <= 3));
        Assert.Equal(Enumerable.Range(11, 8).Select(i => (long)i), calls.SelectMany(c => c.Lsns));
    }

    [Fact]
    public async Task A_call_takes_entries_while_their_events_fit_its_cap_and_a_larger_entry_goes_alone()
    {
        var deliveries = new Deliveries();
        var lanes = new ServiceLanes<string>(deliveries.DeliverAsync, completedLsn: 0, maxEntriesPerCall: 64, maxEventsInFlight: 10_000, maxEventsPerCall: 100);
        deliveries.Hold("a");
        lanes.Start(CancellationToken.None);
        lanes.Add([Entry("a", 1)]);
        await UntilAsync(() => deliveries.Calls.Count == 1);
        lanes.Add([Entry("a", 2, events: 40), Entry("a", 3, events: 40), Entry("a", 4, events: 40), Entry("a", 5, events: 500), Entry("a", 6, events: 10)]);

        deliveries.Release("a");
        await UntilAsync(() => lanes.CompletedLsn == 6);

        Assert.Equal([[1L], [2L, 3L], [4L], [5L], [6L]], deliveries.Calls.Select(c => c.Lsns).ToList());
    }

    [Fact]
    public async Task Entries_added_before_the_start_wait_for_it_as_at_a_replay()
    {
        var deliveries = new Deliveries();
        var started = 0;
        var callsBeforeStart = 0;
        var lanes = new ServiceLanes<string>((key, items, stopping) =>
        {
            if (Volatile.Read(ref started) == 0)
            {
                Interlocked.Increment(ref callsBeforeStart);
            }

            return deliveries.DeliverAsync(key, items, stopping);
        }, completedLsn: 4, maxEntriesPerCall: 8, maxEventsInFlight: 1000);
        lanes.Add([Entry("a", 5), Entry("b", 6)]);

        // No lane may run before the start: nothing is delivered or taken (a lane marks its service touched as
        // it takes a call), and a call made at any time before the start is counted below.
        Assert.Empty(deliveries.Calls);
        Assert.Empty(lanes.TakeTouched());
        Assert.Equal(4, lanes.CompletedLsn);

        Volatile.Write(ref started, 1);
        lanes.Start(CancellationToken.None);
        await UntilAsync(() => lanes.CompletedLsn == 6);
        Assert.Equal(0, callsBeforeStart);
        Assert.Equal(2, deliveries.Calls.Count);
    }

    [Fact]
    public async Task Events_in_flight_stay_within_the_budget_except_for_a_single_large_call()
    {
        var deliveries = new Deliveries();
        var lanes = new ServiceLanes<string>(deliveries.DeliverAsync, completedLsn: 0, maxEntriesPerCall: 1, maxEventsInFlight: 100);
        deliveries.Hold("a");
        deliveries.Hold("b");
        lanes.Start(CancellationToken.None);

        // "a" first, on its own: lanes start on the thread pool, and "b" must find "a" already in flight.
        lanes.Add([Entry("a", 1, events: 150)]);
        await UntilAsync(() => deliveries.Calls.Count == 1);
        lanes.Add([Entry("b", 2, events: 10)]);
        // A lane marks its service touched as it takes a call, before it asks for budget: once "b" is touched,
        // its call is waiting for budget, not on its way to delivery.
        var touched = new HashSet<string>();
        await UntilAsync(() =>
        {
            touched.UnionWith(lanes.TakeTouched());
            return touched.Contains("b");
        });
        Assert.Single(deliveries.Calls); // "b" waits: "a" alone is over the budget

        deliveries.Release("a");
        await UntilAsync(() => deliveries.Calls.Count == 2);
        deliveries.Release("b");
        await UntilAsync(() => lanes.CompletedLsn == 2);
    }

    [Fact]
    public void Entries_out_of_journal_order_are_refused()
    {
        var lanes = new ServiceLanes<string>((_, _, _) => Task.CompletedTask, completedLsn: 5, maxEntriesPerCall: 8, maxEventsInFlight: 10);
        Assert.Throws<ArgumentException>(() => lanes.Add([Entry("a", 5)]));
    }
}
