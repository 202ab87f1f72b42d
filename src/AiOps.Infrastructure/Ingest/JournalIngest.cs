using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Journal;
using AiOps.Core.Policy;
using AiOps.Grains.Monitoring;
using AiOps.Grains.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Polly;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// The embedded default's durable ingest. Accepted batches are appended to the ingest journal and flushed to the
/// disk before the <c>202</c>. The journal's entries go to the service grains through one lane per service
/// (<see cref="ServiceLanes{T}"/>: journal order within a service, services independent of each other), and a checkpoint loop makes their progress durable
/// (the grains persist their state and journal position) before it moves the journal's checkpoint. After a
/// crash the entries past the checkpoint are dispatched again; each grain skips what it had already taken.
/// <para>
/// Direct grain calls rather than an Orleans stream provider over the journal: a call's completion is the
/// acknowledgement the checkpoint needs, its await is the back-pressure, it has no stream message size limit,
/// and it saves the stream hop's latency.
/// </para>
/// </summary>
public sealed partial class JournalIngest : BackgroundService, IIngestSink
{
    private readonly GrainReferenceCache<IServiceMonitorGrain> _grains;
    private readonly Serializer<TelemetryBatch> _serializer;
    private readonly PolicyRuntime _policy;
    private readonly TimeProvider _clock;
    private readonly ILogger<JournalIngest> _logger;
    // A service with a backlog takes many entries per grain call (each call downstream waits for durable writes,
    // so fewer, larger calls go further), bounded in events so that no grain message grows large.
    private const int EntriesPerCall = 64;
    private const int EventsPerCall = 4_000;

    private readonly IngestJournal _journal;
    private readonly string _journalDirectory;
    private readonly FastPathMetrics _metrics;
    private readonly ServiceLanes<TelemetryBatch> _lanes;
    private readonly ResiliencePipeline _delivery;

    public JournalIngest(
        DurableIngestSettings settings,
        IGrainFactory grains,
        Serializer<TelemetryBatch> serializer,
        PolicyRuntime policy,
        FastPathMetrics metrics,
        TimeProvider clock,
        ILoggerFactory loggerFactory)
    {
        (_grains, _serializer, _policy, _clock, _logger) = (new GrainReferenceCache<IServiceMonitorGrain>(grains), serializer, policy, clock, loggerFactory.CreateLogger<JournalIngest>());
        var durability = policy.Fleet.Ingest.Durability;
        _delivery = JournalDelivery.Pipeline(durability, clock, loggerFactory, (serviceKey, attempt, error) => LogDeliveryFailed(_logger, serviceKey, attempt, error));
        FlushToDisk = durability.FlushToDisk;
        _metrics = metrics;
        _journalDirectory = Path.Combine(Path.GetFullPath(settings.DataDirectory), "journal");
        _journal = IngestJournal.Open(
            _journalDirectory,
            new JournalOptions { FlushToDisk = durability.FlushToDisk, SegmentBytes = durability.SegmentBytes, MaxEntryBytes = HardEntryLimit(durability) },
            Hand);
        _lanes = new ServiceLanes<TelemetryBatch>(DeliverAsync, _journal.CheckpointLsn, EntriesPerCall, durability.DispatchMaxEvents, EventsPerCall);
        var leftovers = _journal.ReadUncheckpointed();
        if (leftovers.Count > 0)
        {
            LogReplaying(_logger, leftovers.Count, _journal.CheckpointLsn);
            Hand(leftovers);
        }

        metrics.ObserveIngestBacklog(() => Lag.OldestAge.TotalSeconds, () => Lag.PendingEvents);
    }

    public bool FlushToDisk { get; }

    public string Durability => FlushToDisk
        ? "journal: a 202 means the events are in the ingest journal on disk (fsync); a crash or power loss replays them"
        : "journal without fsync: a 202 survives a crash of the process, not a power loss";

    public IngestLag Lag
    {
        get
        {
            var age = _lanes.OldestPending is { } oldest ? _clock.GetUtcNow() - oldest : TimeSpan.Zero;
            return new IngestLag(age < TimeSpan.Zero ? TimeSpan.Zero : age, _lanes.PendingEvents);
        }
    }

    public async Task AcceptAsync(IReadOnlyList<TelemetryBatch> batches, CancellationToken cancellationToken)
    {
        var limit = _policy.Fleet.Ingest.Durability.MaxEntryBytes;
        var items = new List<(ReadOnlyMemory<byte>, object?)>();
        foreach (var batch in batches)
        {
            AddSplit(batch, limit, items);
        }

        await _journal.AppendAsync(items);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _journal.DisposeAsync();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lanes.Start(stoppingToken);
        return CheckpointLoopAsync(stoppingToken);
    }

    /// <summary>Serialises a batch as one journal entry, halving it until each part is under the limit.</summary>
    private void AddSplit(TelemetryBatch batch, int limit, List<(ReadOnlyMemory<byte>, object?)> items)
    {
        var bytes = Encode(batch);
        if (bytes.Length <= limit || batch.Count <= 1)
        {
            items.Add((bytes, batch));
            return;
        }

        // Halve each kind alike; either half keeps the batch's ingest time.
        var (logsFirst, metricsFirst, alertsFirst) = (batch.Logs.Count / 2, batch.Metrics.Count / 2, batch.Alerts.Count / 2);
        if (logsFirst + metricsFirst + alertsFirst == 0)
        {
            (logsFirst, metricsFirst, alertsFirst) = batch.Logs.Count > 0 ? (1, 0, 0) : batch.Metrics.Count > 0 ? (0, 1, 0) : (0, 0, 1);
        }

        var first = batch with { Logs = batch.Logs.Take(logsFirst).ToList(), Metrics = batch.Metrics.Take(metricsFirst).ToList(), Alerts = batch.Alerts.Take(alertsFirst).ToList() };
        var second = batch with { Logs = batch.Logs.Skip(logsFirst).ToList(), Metrics = batch.Metrics.Skip(metricsFirst).ToList(), Alerts = batch.Alerts.Skip(alertsFirst).ToList() };
        AddSplit(first, limit, items);
        AddSplit(second, limit, items);
    }

    /// <summary>
    /// A journal entry's bytes: alerts in their compact format (<see cref="AlertBatchFormat"/>), logs and metrics in
    /// theirs (<see cref="TelemetryBatchFormat"/>), and a batch that mixes alerts with the others as Orleans writes it.
    /// </summary>
    private byte[] Encode(TelemetryBatch batch) =>
        AlertBatchFormat.Holds(batch) ? AlertBatchFormat.Write(batch)
        : TelemetryBatchFormat.Holds(batch) ? TelemetryBatchFormat.Write(batch)
        : _serializer.SerializeToArray(batch);

    /// <summary>Any entry the journal holds, including those written by earlier versions with the Orleans serializer.</summary>
    private TelemetryBatch? Decode(ReadOnlyMemory<byte> payload) =>
        AlertBatchFormat.IsAlertBatch(payload.Span) ? AlertBatchFormat.Read(payload.Span)
        : TelemetryBatchFormat.IsTelemetryBatch(payload.Span) ? TelemetryBatchFormat.Read(payload.Span)
        : _serializer.Deserialize(payload.ToArray());

    /// <summary>Called by the journal's writer with each group commit, in sequence order.</summary>
    private void Hand(IReadOnlyList<JournalEntry> entries) =>
        _lanes.Add(entries.Select(entry =>
        {
            // The bytes are on disk; the lanes need only the batch, so the backlog holds each event once.
            var batch = entry.Item as TelemetryBatch ?? Decode(entry.Payload)
                ?? throw new InvalidDataException($"journal entry {entry.Lsn} holds no batch");
            return (ServiceKeyOf(batch), new LaneItem<TelemetryBatch>(entry.Lsn, batch, batch.Count, batch.IngestedAt.UtcTicks));
        }).ToList());

    /// <summary>
    /// One call to a service grain. A failed call is retried by the delivery pipeline (the grain skips what it already
    /// took). A call that still fails after ingest.yaml <c>durability.delivery_attempts</c> tries is set aside in the
    /// dead-letter folder, kept for inspection and replay, so that one poisonous batch cannot stall the service's Fast
    /// Path for good.
    /// </summary>
    private async Task DeliverAsync(string serviceKey, IReadOnlyList<LaneItem<TelemetryBatch>> items, CancellationToken stoppingToken)
    {
        var grain = _grains[serviceKey];
        var chunk = items.Select(i => new JournaledBatch(i.Lsn, i.Item)).ToList();
        var context = JournalDelivery.ContextFor(serviceKey, stoppingToken);
        try
        {
            await _delivery.ExecuteAsync(async (_, state) => await state.grain.ProcessJournaledAsync(_journal.Id, state.chunk), context, (grain, chunk));
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            SetAside(serviceKey, chunk, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Writes a chunk that could not be delivered to <c>journal/dead-letter</c>, one file per entry, with the reason.</summary>
    private void SetAside(string serviceKey, List<JournaledBatch> chunk, Exception error)
    {
        var folder = Path.Combine(_journalDirectory, "dead-letter");
        Directory.CreateDirectory(folder);
        foreach (var item in chunk)
        {
            var name = $"{item.Lsn:D20}";
            File.WriteAllBytes(Path.Combine(folder, name + ".batch"), _serializer.SerializeToArray(item.Batch));
            File.WriteAllText(Path.Combine(folder, name + ".error.txt"), $"{serviceKey}: {error}");
        }

        _metrics.DeadLettered.Add(chunk.Sum(c => c.Batch.Count));
        LogSetAside(_logger, chunk.Count, serviceKey, folder);
    }

    private async Task CheckpointLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(_policy.Fleet.Ingest.Durability.CheckpointIntervalMs);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, _clock, stoppingToken);
                await CheckpointAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A graceful stop checkpoints once more (below) so that a restart replays nothing.
        }

        await CheckpointAsync();
    }

    /// <summary>Makes the dispatched progress durable: the grains persist, then the journal forgets what they hold.</summary>
    private async Task CheckpointAsync()
    {
        // Entries are processed while their flush to the disk is under way: never checkpoint past what is on it.
        var target = Math.Min(_lanes.CompletedLsn, _journal.CommittedLsn);
        if (target <= _journal.CheckpointLsn)
        {
            return;
        }

        var touched = _lanes.TakeTouched();

        try
        {
            // Each grain keeps its traces before it saves its position (a checkpointed event is never replayed),
            // and correlation keeps its own before it returns; nothing is left to flush here.
            await Task.WhenAll(touched.Select(key => _grains[key].FlushAsync()));
            _journal.Checkpoint(target);
        }
        catch (Exception e)
        {
            _lanes.Retouch(touched);

            LogCheckpointFailed(_logger, target, e);
        }
    }

    private static string ServiceKeyOf(TelemetryBatch batch) => batch.ServiceKey;

    /// <summary>The journal refuses only what could never be split: one event above four times the split size.</summary>
    private static int HardEntryLimit(DurabilitySettings durability) => (int)Math.Min(int.MaxValue / 2, durability.MaxEntryBytes * 4L);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Replaying {Count} journal entries past checkpoint {Checkpoint} after an unclean stop")]
    private static partial void LogReplaying(ILogger logger, int count, long checkpoint);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Delivering journaled events to {ServiceKey} failed (attempt {Attempt}); retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, string serviceKey, int attempt, Exception error);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "{Count} journal entries for {ServiceKey} could not be delivered and were set aside in {Folder}")]
    private static partial void LogSetAside(ILogger logger, int count, string serviceKey, string folder);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Journal checkpoint at {Lsn} failed; the entries stay and are retried")]
    private static partial void LogCheckpointFailed(ILogger logger, long lsn, Exception error);
}
