using System.Diagnostics.Metrics;
using AiOps.Core.Policy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Policy;

/// <summary>
/// The policy folder, watched: a change is loaded after a quiet moment and swapped in whole, so running
/// grains see it on their next call. A bad change keeps the last good policy and says why in the log, the
/// readiness check (<see cref="LastError"/>) and the <c>aiops_policy_reloads_total{result}</c> metric.
/// </summary>
public sealed partial class ReloadingPolicyProvider : IPolicyProvider, IHostedService, IDisposable
{
    // Editors write a file in several steps; wait for quiet before reading it.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly string _directory;
    private readonly ILogger<ReloadingPolicyProvider> _logger;
    private readonly Counter<long> _reloads;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private Timer? _timer;
    private volatile PolicyBundle _current;

    public ReloadingPolicyProvider(PolicyBundle initial, IMeterFactory meters, ILogger<ReloadingPolicyProvider> logger)
    {
        _current = initial;
        _directory = initial.Fleet.Directory;
        _logger = logger;
        var meter = meters.Create(AiOps.Grains.Monitoring.FastPathMetrics.MeterName);
        _reloads = meter.CreateCounter<long>("aiops.policy.reloads", "{reload}", "Policy reloads, by result");
        meter.CreateObservableGauge("aiops.policy.reload_failing", () => LastError is null ? 0 : 1, "{state}",
            "1 while the newest policy files are rejected and the last good policy stays in force");
    }

    public PolicyBundle Current => _current;

    /// <summary>Why the newest files were rejected, or null when the policy in force is the newest.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? LastAttempt { get; private set; }

    /// <summary>Raised after each reload attempt with its outcome: null for success, else the problem (audit).</summary>
    public event Action<string, string?>? Reloaded;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(_directory, "*.yaml") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Loads the folder now; true when the new policy is in force.</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            LastAttempt = DateTimeOffset.UtcNow;
            try
            {
                _current = PolicyLoader.Load(_directory);
                LastError = null;
                _reloads.Add(1, new KeyValuePair<string, object?>("result", "success"));
                LogReloaded(_logger, _directory, _current.Fleet.Profile);
                Reloaded?.Invoke(_directory, null);
                return true;
            }
            catch (PolicyException e)
            {
                LastError = e.Message;
                _reloads.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
                LogRejected(_logger, e.Message);
                Reloaded?.Invoke(_directory, e.Message);
                return false;
            }
            catch (IOException e)
            {
                LastError = $"cannot read the policy folder: {e.Message}";
                _reloads.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
                LogRejected(_logger, LastError);
                Reloaded?.Invoke(_directory, LastError);
                return false;
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _timer?.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _timer?.Change(Debounce, Timeout.InfiniteTimeSpan);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Policy reloaded from {Directory} (profile {Profile})")]
    private static partial void LogReloaded(ILogger logger, string directory, string profile);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Policy change rejected, the last good policy stays in force: {Problem}")]
    private static partial void LogRejected(ILogger logger, string problem);
}
