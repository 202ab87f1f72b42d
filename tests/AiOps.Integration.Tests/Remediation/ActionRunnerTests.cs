using AiOps.Contracts.Remediation;
using AiOps.Core.Policy;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Features.Remediation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Remediation;

/// <summary>The runner's Polly retry and timeout on a clock the test moves: a failed action waits retry_delay_sec.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class ActionRunnerTests
{
    /// <summary>Answers each phase from <see cref="Answer"/>; a phase whose answer is null never returns (until cancelled).</summary>
    private sealed class ScriptedExecutor : IActionExecutor
    {
        public List<string> Calls { get; } = [];

        public Func<string, int, bool?> Answer { get; set; } = (_, _) => true;

        public bool Acts => true;

        public async Task<PhaseResult> RunAsync(ActionExecution execution, string phase, CancellationToken cancellation)
        {
            int attempt;
            lock (Calls)
            {
                Calls.Add(phase);
                attempt = Calls.Count(c => c == phase);
            }

            if (Answer(phase, attempt) is not { } ok)
            {
                await Task.Delay(Timeout.Infinite, cancellation);
                ok = false;
            }

            return new PhaseResult(ok, $"{phase}: {(ok ? "done" : "failed")}");
        }

        public int CountOf(string phase)
        {
            lock (Calls)
            {
                return Calls.Count(c => c == phase);
            }
        }
    }

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static RemediatePolicy Policy()
    {
        var policy = PolicyLoader.Load(PolicyFolder.Copy()).Fleet.Remediate;
        policy.RetryDelaySec = 5;
        policy.Actions["restart_service"] = new ActionSettings { Risk = "low", MaxRetries = 2, TimeoutSec = 60 };
        return policy;
    }

    private static ActionExecution Execution() => new()
    {
        ExecutionId = $"ex-{Guid.NewGuid():N}",
        Action = "restart_service",
        ShipId = "ship-a",
        Service = "crew-wifi",
        RequestedBy = "erik",
        RequestedAt = DateTimeOffset.UtcNow,
        Risk = "low",
    };

    /// <summary>Moves the clock on, a retry delay at a time, until the run ends (each wait starts once the attempt before it failed).</summary>
    private Task FinishAsync(Task run) =>
        TestHost.EventuallyAsync(() =>
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(run.IsCompleted ? (bool?)true : null);
        }, "the run to end", 10000);

    private static async Task WaitForCallsAsync(ScriptedExecutor executor, string phase, int count) =>
        await TestHost.EventuallyAsync(() => Task.FromResult(executor.CountOf(phase) >= count ? (bool?)true : null), $"{count} {phase} calls", 10000);

    [Fact]
    public async Task A_failed_action_is_tried_again_only_after_the_retry_delay()
    {
        var executor = new ScriptedExecutor { Answer = (phase, attempt) => phase != ActionPhase.Execute || attempt == 3 };
        var runner = new ActionRunner(executor, _clock, NullLoggerFactory.Instance);

        // The first attempt fails at once, so the run is already waiting out the delay when it returns.
        var run = runner.RunAsync(Execution(), Policy(), CancellationToken.None);
        Assert.Equal(1, executor.CountOf(ActionPhase.Execute));
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, executor.CountOf(ActionPhase.Execute));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForCallsAsync(executor, ActionPhase.Execute, 2);
        await FinishAsync(run);
        var (status, steps, error) = await run;

        Assert.Equal(ExecutionStatus.Succeeded, status);
        Assert.Null(error);
        Assert.Equal(["execute: failed", "execute: failed", "execute: done"], steps);
    }

    [Fact]
    public async Task An_action_that_keeps_failing_stops_after_max_retries_and_is_rolled_back()
    {
        var executor = new ScriptedExecutor { Answer = (phase, _) => phase != ActionPhase.Execute };
        var runner = new ActionRunner(executor, _clock, NullLoggerFactory.Instance);

        var run = runner.RunAsync(Execution(), Policy(), CancellationToken.None);
        await FinishAsync(run);

        var (status, steps, error) = await run;
        Assert.Equal(ExecutionStatus.RolledBack, status);
        Assert.Equal("the action failed after 3 attempts", error);
        Assert.Equal(3, executor.CountOf(ActionPhase.Execute));
        Assert.Equal("rollback: done", steps[^1]);
    }

    [Fact]
    public async Task A_phase_that_hangs_is_cut_at_its_timeout()
    {
        var executor = new ScriptedExecutor { Answer = (phase, _) => phase == ActionPhase.Execute ? null : true };
        var runner = new ActionRunner(executor, _clock, NullLoggerFactory.Instance);
        var policy = Policy();
        policy.Actions["restart_service"].MaxRetries = 0;

        var run = runner.RunAsync(Execution(), policy, CancellationToken.None);
        await WaitForCallsAsync(executor, ActionPhase.Execute, 1);
        _clock.Advance(TimeSpan.FromSeconds(60));
        var (status, steps, _) = await run;

        Assert.Equal(ExecutionStatus.RolledBack, status);
        Assert.Equal("execute: timed out after 60 s", steps[0]);
    }
}
