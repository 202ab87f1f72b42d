using System.Globalization;
using AiOps.Contracts.Grains;
using AiOps.Core.Policy;
using AiOps.Core.Stats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Stats;

/// <summary>Moves the silo's counters into the day grains at the policy's flush interval.</summary>
public sealed partial class StatsFlusher(
    StatsAccumulator accumulator,
    IGrainFactory grains,
    PolicyRuntime policy,
    ILogger<StatsFlusher> logger) : BackgroundService
{
    // One flush at a time: a query's flush that ran beside the timer's would find the accumulator already drained
    // and return before the timer's counts reached the day grains, so the query would miss them.
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Flushes now; the stats API calls it so that a query sees this silo's latest counts.</summary>
    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var minutes = accumulator.Drain();
            if (minutes.Count == 0)
            {
                return;
            }

            try
            {
                var byDay = minutes.GroupBy(kv => kv.Key / 1440);
                await Task.WhenAll(byDay.Select(day => grains.GetGrain<IStatsDayGrain>(DayKey(day.Key))
                    .AddAsync(day.ToDictionary(kv => (int)(kv.Key % 1440), kv => kv.Value))));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                accumulator.Restore(minutes);
                LogFlushFailed(logger, e);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _flushing.Dispose();
    }

    public static string DayKey(long dayNumber) =>
        DateTimeOffset.UnixEpoch.AddDays(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(policy.Fleet.Slo.Measurement.StatsFlushIntervalMs));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }

        await FlushAsync();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Stats flush failed; the counts are kept for the next attempt")]
    private static partial void LogFlushFailed(ILogger logger, Exception error);
}
