using System.Collections.Concurrent;
using AiOps.Contracts.Grains;
using AiOps.Core.Silences;
using AiOps.Core.Policy;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Silences;

/// <summary>
/// This silo's snapshot of the fleet's silences, compiled once per change, and the matches counted since the last
/// hand-back. Correlation reads the snapshot in memory: silences cost the Fast Path no grain call per event.
/// </summary>
public sealed partial class SilenceCache(IGrainFactory grains, PolicyRuntime policy, ILogger<SilenceCache> logger)
{
    private readonly ConcurrentDictionary<string, long> _matches = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile SilenceSet _current = SilenceSet.Empty;
    private volatile bool _loaded;

    /// <summary>
    /// The snapshot; the first call on a silo loads it, so that a restart does not let silenced anomalies through
    /// before the periodic refresh runs. If the registry cannot answer, correlation goes on without silences.
    /// </summary>
    public async ValueTask<SilenceSet> CurrentAsync()
    {
        if (!_loaded)
        {
            await RefreshAsync();
        }

        return _current;
    }

    public void Count(string silenceId) => _matches.AddOrUpdate(silenceId, 1, (_, n) => n + 1);

    /// <summary>Fetches the silences if they changed, and hands back the match counts; failures are logged and retried next time.</summary>
    public async Task RefreshAsync()
    {
        await _refreshing.WaitAsync();
        try
        {
            var registry = grains.GetGrain<ISilenceRegistryGrain>(ISilenceRegistryGrain.Fleet);
            var known = _loaded ? _current.Version : -1;
            var (version, silences) = await registry.SnapshotAsync(known);
            if (silences is not null)
            {
                _current = new SilenceSet(version, silences, TimeSpan.FromMilliseconds(policy.Fleet.Correlate.Silences.RegexTimeoutMs));
            }

            _loaded = true;
            await HandBackMatchesAsync(registry);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogRefreshFailed(logger, e);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task HandBackMatchesAsync(ISilenceRegistryGrain registry)
    {
        var taken = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in _matches.Keys)
        {
            if (_matches.TryRemove(id, out var count))
            {
                taken[id] = count;
            }
        }

        if (taken.Count == 0)
        {
            return;
        }

        try
        {
            await registry.AddMatchesAsync(taken);
        }
        catch
        {
            foreach (var (id, count) in taken)
            {
                _matches.AddOrUpdate(id, count, (_, n) => n + count);
            }

            throw;
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Refreshing the silences failed; the last snapshot stays in use and the counts are kept")]
    private static partial void LogRefreshFailed(ILogger logger, Exception error);
}
