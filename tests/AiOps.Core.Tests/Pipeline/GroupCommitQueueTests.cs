using AiOps.Core.Pipeline;

namespace AiOps.Core.Tests.Pipeline;

public sealed class GroupCommitQueueTests
{
    /// <summary>A batch runner whose runs finish only when the test says so, recording what each run got.</summary>
    private sealed class GatedRunner
    {
        private readonly List<TaskCompletionSource> _gates = [];

        public List<IReadOnlyList<int>> Runs { get; } = [];

        public int Running { get; private set; }

        public int MaxRunning { get; private set; }

        public async Task<IReadOnlyList<int>> RunAsync(IReadOnlyList<int> items)
        {
            Runs.Add(items);
            Running++;
            MaxRunning = Math.Max(MaxRunning, Running);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gates.Add(gate);
            await gate.Task;
            Running--;
            return items.Select(i => i * 10).ToList();
        }

        public async Task ReleaseAsync(int run)
        {
            await Eventually(() => _gates.Count > run);
            _gates[run].SetResult();
        }
    }

    private static Task Eventually(Func<bool> condition) =>
        Poll.UntilAsync(condition, "condition not met within 10 s", TimeSpan.FromSeconds(10));

    [Fact]
    public Task Calls_that_arrive_while_a_run_is_under_way_go_together_in_the_next_run()
    {
        return OneActivation.RunAsync(async () =>
        {
            var runner = new GatedRunner();
            var queue = new GroupCommitQueue<int, int>(runner.RunAsync, _ => 1, 100);

            var first = queue.Batch(1);
            await Eventually(() => runner.Runs.Count == 1);
            var waiting = new[] { queue.Batch(2), queue.Batch(3), queue.Batch(4) };
            await runner.ReleaseAsync(0);
            await runner.ReleaseAsync(1);

            Assert.Equal(10, await first);
            var answers = await Task.WhenAll(waiting);
            Assert.Equal([20, 30, 40], answers);
            Assert.Equal([[1], [2, 3, 4]], runner.Runs);
            Assert.Equal(1, runner.MaxRunning);
        });
    }

    [Fact]
    public Task A_batch_stays_within_its_weight_but_always_takes_one_call()
    {
        return OneActivation.RunAsync(async () =>
        {
            var runner = new GatedRunner();
            var queue = new GroupCommitQueue<int, int>(runner.RunAsync, item => item, 10);

            var first = queue.Batch(1);
            await Eventually(() => runner.Runs.Count == 1);
            var rest = new[] { queue.Batch(6), queue.Batch(4), queue.Batch(25), queue.Batch(2) };
            for (var run = 0; run < 4; run++)
            {
                await runner.ReleaseAsync(run);
            }

            await first;
            await Task.WhenAll(rest);
            Assert.Equal([[1], [6, 4], [25], [2]], runner.Runs);
        });
    }

    [Fact]
    public Task A_failed_run_fails_every_call_in_it_and_the_next_run_goes_on()
    {
        return OneActivation.RunAsync(async () =>
        {
            var calls = 0;
            var queue = new GroupCommitQueue<int, int>(async items =>
            {
                await Task.Yield();
                return ++calls == 1 ? throw new IOException("disk full") : items.ToList();
            }, _ => 1, 100);

            var failed = new[] { queue.Batch(1), queue.Batch(2) };
            foreach (var call in failed)
            {
                await Assert.ThrowsAsync<IOException>(() => call);
            }

            Assert.Equal(3, await queue.Batch(3));
        });
    }

    [Fact]
    public Task Exclusive_work_runs_alone_in_arrival_order()
    {
        return OneActivation.RunAsync(async () =>
        {
            var runner = new GatedRunner();
            var queue = new GroupCommitQueue<int, int>(runner.RunAsync, _ => 1, 100);
            var order = new List<string>();

            var first = queue.Batch(1);
            await Eventually(() => runner.Runs.Count == 1);
            var second = queue.Batch(2);
            var exclusive = queue.Exclusive(async () =>
            {
                order.Add($"exclusive while {runner.Running} running");
                await Task.Yield();
            });
            var third = queue.Batch(3);
            await runner.ReleaseAsync(0);
            await runner.ReleaseAsync(1);
            await runner.ReleaseAsync(2);

            await Task.WhenAll(first, second, exclusive, third);
            Assert.Equal([[1], [2], [3]], runner.Runs);
            Assert.Equal(["exclusive while 0 running"], order);
        });
    }

    [Fact]
    public Task Exclusive_work_with_a_result_waits_for_the_run_before_it_and_answers_its_result()
    {
        return OneActivation.RunAsync(async () =>
        {
            var runner = new GatedRunner();
            var queue = new GroupCommitQueue<int, int>(runner.RunAsync, _ => 1, 100);

            var first = queue.Batch(1);
            await Eventually(() => runner.Runs.Count == 1);
            var answer = queue.Exclusive(async () =>
            {
                await Task.Yield();
                return $"after {runner.Runs.Count} run(s), {runner.Running} running";
            });
            Assert.False(answer.IsCompleted);
            await runner.ReleaseAsync(0);

            Assert.Equal(10, await first);
            Assert.Equal("after 1 run(s), 0 running", await answer);
        });
    }

    [Fact]
    public Task A_runner_that_answers_the_wrong_number_of_results_fails_its_calls_instead_of_mixing_them_up()
    {
        return OneActivation.RunAsync(async () =>
        {
            var queue = new GroupCommitQueue<int, int>(_ => Task.FromResult<IReadOnlyList<int>>([1]), _ => 1, 100);

            var calls = new[] { queue.Batch(1), queue.Batch(2) };

            foreach (var call in calls)
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => call);
            }
        });
    }
}
