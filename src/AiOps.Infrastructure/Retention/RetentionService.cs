using AiOps.Contracts.Grains;
using AiOps.Core.Incidents;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using AiOps.Infrastructure.Stats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Retention;

/// <summary>
/// Enforces <c>retention.yaml</c> in the embedded store at its <c>cleanup_interval_min</c>: closed incidents
/// after <c>incidents_days</c> (per ship, with overrides), per-minute stats after <c>summaries_days</c>, traces
/// after <c>traces_hours</c>. Raw logs and metrics are not stored on the box; their ages apply to ClickHouse.
/// </summary>
public sealed partial class RetentionService(
    IGrainFactory grains,
    IIncidentIndex incidents,
    PolicyRuntime policy,
    ITraceStore traces,
    TimeProvider clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    // Daily runs reach every day; a longer look-back covers a box that was off for a while.
    private const int StatsLookBackDays = 60;

    public async Task<RetentionReport> RunOnceAsync(DateTimeOffset now)
    {
        var bundle = policy.Bundle;
        var fleet = bundle.Fleet.Retention;
        var cutoffs = bundle.OverriddenShips.ToDictionary(ship => ship, ship => now.AddDays(-bundle.For(ship).Retention.IncidentsDays));
        var expired = await incidents.ExpiredAsync(cutoffs, now.AddDays(-fleet.IncidentsDays));
        // State first, then the list: a failed deletion leaves the incident listed, and the next run retries it.
        await Task.WhenAll(expired.Select(id => grains.GetGrain<IIncidentGrain>(id).DeleteAsync()));
        await incidents.RemoveAsync(expired);

        var lastExpiredDay = (long)Math.Floor((now.AddDays(-fleet.SummariesDays) - DateTimeOffset.UnixEpoch).TotalDays) - 1;
        await Task.WhenAll(Enumerable.Range(0, StatsLookBackDays)
            .Select(back => grains.GetGrain<IStatsDayGrain>(StatsFlusher.DayKey(lastExpiredDay - back)).ClearAsync()));

        var traceCutoff = now.AddHours(-fleet.TracesHours);
        var pruned = await traces.PruneAsync(traceCutoff);

        var report = new RetentionReport(expired.Count, pruned);
        LogRun(logger, report.IncidentsRemoved, report.TracesRemoved);
        return report;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(policy.Fleet.Retention.CleanupIntervalMin), clock, stoppingToken);
                await RunOnceAsync(clock.GetUtcNow());
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Retention removed {Incidents} closed incidents and {Traces} traces")]
    private static partial void LogRun(ILogger logger, int incidents, int traces);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Retention run failed; it will run again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
