using System.Diagnostics.Metrics;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace AiOps.Integration.Tests.Api;

/// <summary>The journal's delivery retry: ingest.yaml durability.delivery_* on a clock the test moves.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class JournalDeliveryTests
{
    /// <summary>Counts the timers made, so that the test moves the clock only once the retry is waiting on one.</summary>
    private sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_with_doubling_delays_up_to_the_cap_then_gives_up_with_its_error()
    {
        var clock = new TimerCountingClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        var durability = new DurabilitySettings { DeliveryAttempts = 5, DeliveryRetryDelayMs = 200, DeliveryMaxRetryDelayMs = 500 };
        var retried = new List<(string Service, int Attempt)>();
        var pipeline = JournalDelivery.Pipeline(durability, clock, NullLoggerFactory.Instance, (service, attempt, _) => retried.Add((service, attempt)));
        var calls = new List<TimeSpan>();
        var context = JournalDelivery.ContextFor("ship-a/crew-wifi", CancellationToken.None);

        var delivery = pipeline.ExecuteAsync(_ =>
        {
            lock (calls)
            {
                calls.Add(clock.GetUtcNow() - start);
            }

            throw new TimeoutException("grain out of reach");
        }, context).AsTask();
        foreach (var step in new[] { 200, 400, 500, 500 })
        {
            var made = Calls();
            await TestHost.EventuallyAsync(() => Task.FromResult(clock.Timers == made ? (bool?)true : null), $"retry {made} waiting", 10000);
            clock.Advance(TimeSpan.FromMilliseconds(step - 1));
            Assert.Equal(made, Calls()); // not before its delay
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await TestHost.EventuallyAsync(() => Task.FromResult(Calls() == made + 1 ? (bool?)true : null), $"attempt {made + 1}", 10000);
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => delivery);
        Assert.Equal("grain out of reach", error.Message);
        Assert.Equal([0, 200, 600, 1100, 1600], calls.Select(c => (int)c.TotalMilliseconds));
        Assert.Equal([("ship-a/crew-wifi", 1), ("ship-a/crew-wifi", 2), ("ship-a/crew-wifi", 3), ("ship-a/crew-wifi", 4)], retried);

        int Calls()
        {
            lock (calls)
            {
                return calls.Count;
            }
        }
    }

    [Fact]
    public async Task Delivery_metrics_do_not_carry_the_service_key_so_their_series_do_not_grow_with_the_fleet()
    {
        var tags = new List<KeyValuePair<string, object?>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Polly")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, measured, _) => Record(measured));
        listener.SetMeasurementEventCallback<int>((_, _, measured, _) => Record(measured));
        listener.SetMeasurementEventCallback<long>((_, _, measured, _) => Record(measured));
        listener.Start();
        var retried = new List<string>();
        var pipeline = JournalDelivery.Pipeline(new DurabilitySettings { DeliveryAttempts = 2, DeliveryRetryDelayMs = 1 }, TimeProvider.System,
            NullLoggerFactory.Instance, (service, _, _) => retried.Add(service));
        var context = JournalDelivery.ContextFor("ship-a/crew-wifi", CancellationToken.None);
        var attempts = 0;

        await pipeline.ExecuteAsync(_ => ++attempts == 1 ? throw new TimeoutException("first try fails") : ValueTask.CompletedTask, context);
        ResilienceContextPool.Shared.Return(context);

        Assert.Equal(["ship-a/crew-wifi"], retried); // the retry's log still names the service
        lock (tags)
        {
            Assert.Contains(tags, t => t.Key == "pipeline.name" && Equals(t.Value, JournalDelivery.PipelineName)); // measured at all
            Assert.DoesNotContain(tags, t => Equals(t.Value, "ship-a/crew-wifi"));
        }

        void Record(ReadOnlySpan<KeyValuePair<string, object?>> measured)
        {
            lock (tags)
            {
                tags.AddRange(measured.ToArray());
            }
        }
    }
}
