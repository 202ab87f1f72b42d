using System.Diagnostics.Metrics;
using AiOps.Core.Policy;
using AiOps.Insight;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Insight;

/// <summary>
/// The model's circuit breaker and timeout, through the Polly pipeline of the <see cref="ModelGuard"/>, on a clock
/// the test moves: llm.yaml circuit_breaker with failure_threshold 3, sampling_sec 60, timeout_sec 30.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class ModelGuardTests
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ModelGuard Guard() => Guard(out _);

    private ModelGuard Guard(out PolicyBundle bundle)
    {
        bundle = PolicyLoader.Load(PolicyFolder.Copy());
        bundle.Fleet.Llm.CircuitBreaker = new CircuitBreakerSettings { FailureThreshold = 3, SamplingSec = 60, TimeoutSec = 30 };
        return new ModelGuard(new PolicyRuntime(new StaticPolicyProvider(bundle)), _clock, NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task A_reloaded_circuit_breaker_setting_applies_to_the_next_call_and_one_that_is_unchanged_keeps_the_count()
    {
        var guard = Guard(out var bundle);
        await Fail(guard);
        await Fail(guard);
        // A reload with the same settings (a new object, as a reload makes) keeps the breaker's count: one more opens it.
        bundle.Fleet.Llm.CircuitBreaker = new CircuitBreakerSettings { FailureThreshold = 3, SamplingSec = 60, TimeoutSec = 30 };
        await Fail(guard);
        Assert.Equal("open", guard.BreakerState);

        // An operator raises the threshold: the next call finds a closed circuit that opens after 5 failures.
        bundle.Fleet.Llm.CircuitBreaker = new CircuitBreakerSettings { FailureThreshold = 5, SamplingSec = 60, TimeoutSec = 30 };
        Assert.Equal("closed", guard.BreakerState);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("error", (await Fail(guard)).Problem);
        }

        Assert.Equal("closed", guard.BreakerState);
        await Fail(guard);
        Assert.Equal("open", guard.BreakerState);
    }

    private static Task<ModelOutcome<string>> Fail(ModelGuard guard) =>
        guard.CallAsync<string>("chat", _ => throw new HttpRequestException("model down"), CallTimeout, null, CancellationToken.None);

    private static Task<ModelOutcome<string>> Answer(ModelGuard guard, string answer = "fine") =>
        guard.CallAsync("chat", _ => Task.FromResult(answer), CallTimeout, a => a == "fine", CancellationToken.None);

    [Fact]
    public async Task The_circuit_opens_after_the_threshold_refuses_then_half_opens_after_its_timeout_and_closes_on_success()
    {
        var guard = Guard();
        Assert.Equal("error", (await Fail(guard)).Problem);
        Assert.Equal("error", (await Fail(guard)).Problem);
        Assert.Equal("closed", guard.BreakerState);
        Assert.False(guard.Refusing);

        Assert.Equal("error", (await Fail(guard)).Problem);
        Assert.Equal("open", guard.BreakerState);
        Assert.True(guard.Refusing);
        var refused = await Answer(guard);
        Assert.Equal("circuit open", refused.Problem);
        Assert.Equal("chat: error", guard.LastProblem); // a refused call tells nothing new about the model

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(guard.Refusing);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(guard.Refusing); // the break is over: the next call is the trial

        var trialAnswer = new TaskCompletionSource<string>();
        var trial = guard.CallAsync("chat", _ => trialAnswer.Task, CallTimeout, null, CancellationToken.None);
        Assert.Equal("half_open", guard.BreakerState);
        Assert.True(guard.Refusing);
        Assert.Equal("circuit open", (await Answer(guard)).Problem); // one trial at a time
        trialAnswer.SetResult("fine");

        Assert.True((await trial).Succeeded);
        Assert.Equal("closed", guard.BreakerState);
        Assert.Null(guard.LastProblem);
        Assert.True((await Answer(guard)).Succeeded);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_circuit_again_for_another_timeout()
    {
        var guard = Guard();
        for (var i = 0; i < 3; i++)
        {
            await Fail(guard);
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("unusable answer", (await Answer(guard, "not json")).Problem); // garbage fails the trial too
        Assert.Equal("open", guard.BreakerState);
        Assert.True(guard.Refusing);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await Answer(guard)).Succeeded);
        Assert.Equal("closed", guard.BreakerState);
    }

    [Fact]
    public async Task A_success_in_the_sampling_window_keeps_the_circuit_closed_until_it_ages_out()
    {
        var guard = Guard();
        await Answer(guard);
        for (var i = 0; i < 5; i++)
        {
            await Fail(guard);
        }

        Assert.Equal("closed", guard.BreakerState);
        _clock.Advance(TimeSpan.FromSeconds(61));
        for (var i = 0; i < 3; i++)
        {
            await Fail(guard);
        }

        Assert.Equal("open", guard.BreakerState);
    }

    [Fact]
    public async Task A_call_that_hangs_is_abandoned_at_its_timeout_and_counts_as_a_failure()
    {
        var guard = Guard();
        for (var i = 0; i < 3; i++)
        {
            // The hung call ignores its token: the guard stops waiting for it all the same.
            var hung = guard.CallAsync("embeddings", _ => new TaskCompletionSource<string>().Task, CallTimeout, null, CancellationToken.None);
            Assert.False(hung.IsCompleted);
            _clock.Advance(CallTimeout);
            Assert.Equal("timeout", (await hung).Problem);
        }

        Assert.Equal("embeddings: timeout", guard.LastProblem);
        Assert.Equal("open", guard.BreakerState);
    }

    [Fact]
    public async Task The_caller_giving_up_is_not_held_against_the_model()
    {
        var guard = Guard();
        for (var i = 0; i < 5; i++)
        {
            using var stop = new CancellationTokenSource();
            var call = guard.CallAsync<string>("chat", async token =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return "";
            }, CallTimeout, null, stop.Token);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        Assert.Equal("closed", guard.BreakerState);
        Assert.Equal("no time left in the insight budget", (await guard.CallAsync("chat", _ => Task.FromResult("fine"), TimeSpan.FromMilliseconds(10), null, CancellationToken.None)).Problem);
    }

    [Fact]
    public async Task Polly_reports_the_circuit_opening_under_the_pipeline_name()
    {
        var events = new List<(string Pipeline, string Event)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Polly" && instrument.Name == "resilience.polly.strategy.events")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) =>
        {
            var byName = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            lock (events)
            {
                events.Add((byName.GetValueOrDefault("pipeline.name") ?? "", byName.GetValueOrDefault("event.name") ?? ""));
            }
        });
        listener.Start();

        var guard = Guard();
        for (var i = 0; i < 3; i++)
        {
            await Fail(guard);
        }

        lock (events)
        {
            Assert.Contains((ModelGuard.PipelineName, "OnCircuitOpened"), events);
        }
    }
}
