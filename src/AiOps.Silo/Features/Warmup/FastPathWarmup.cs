using System.Diagnostics;
using System.Text;
using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Incidents;
using AiOps.Core.Ingest;
using AiOps.Core.Journal;
using AiOps.Core.Notifications;
using AiOps.Core.Pipeline;
using AiOps.Core.Policy;
using AiOps.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Silo.Features.Warmup;

/// <summary>
/// Runs the Fast Path's code once at start, before <c>/health/ready</c> says ready, so that the first real event
/// does not pay for the JIT and the first activations (without it the first incident took ~100-400 ms, later
/// ones a few). Nothing of it is kept or counted: the ingest parsers, detectors, enrichment, correlation and the
/// incident rules run on throw-away state of a reserved ship (<see cref="ShipId"/>), the journal code writes to a
/// throw-away journal in a temporary folder, the wire and storage codecs serialise and copy sample messages and the
/// states that run filled, the shared machinery around them runs on pure work (<see cref="SharedCodeWarmup"/>),
/// and the grains the first event needs are activated and deactivated again without a call of their own, so
/// they write and count nothing. No trace, stat, metric or incident is made. A failure is logged and the host becomes ready anyway: warming up is an optimisation only.
/// </summary>
public sealed partial class FastPathWarmup(
    IServiceProvider services,
    PolicyRuntime policy,
    IOptions<AiOpsOptions> options,
    TimeProvider clock,
    WarmupState warmup,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> httpJson,
    ILoggerFactory loggers,
    ILogger<FastPathWarmup> logger) : BackgroundService
{
    /// <summary>The reserved ship id of the warm-up's throw-away state (never ingested, never stored).</summary>
    public const string ShipId = "aiops-warmup";

    private const string Service = "warmup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        // Twice: the second round runs the code the first one compiled and takes what the first one's lazy
        // initialisers left. A round may fail on a starved machine (a policy regex's match timeout while its
        // code is still being compiled); the next round goes on, and only a failed last round is reported.
        for (var round = 0; round < 2 && !stoppingToken.IsCancellationRequested; round++)
        {
            try
            {
                var sample = RunPurePipeline();
                await RunJournalAsync(sample.Batch, stoppingToken);
                await SharedCodeWarmup.GroupCommitAsync(sample.Candidates);
                await SharedCodeWarmup.DeliveryPipelineAsync(policy.Fleet.Ingest.Durability, clock, loggers, stoppingToken);
                SharedCodeWarmup.IngestResponseJson(httpJson.Value.SerializerOptions, sample.Batch.Logs.Select(l => l.TrackingId).ToList());
                if (!options.Value.IsApiOnly)
                {
                    await ActivateGrainsAsync(sample, stoppingToken);
                }

                failure = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failure = e;
            }
        }

        var warmedIn = Stopwatch.GetElapsedTime(started);
        var settled = await JitQuiet.WaitAsync(TimeSpan.FromSeconds(options.Value.WarmupJitQuietSeconds), stoppingToken);
        if (failure is null)
        {
            LogWarmedUp(logger, warmedIn.TotalMilliseconds, settled.TotalMilliseconds);
        }
        else
        {
            LogWarmupFailed(logger, failure);
        }

        warmup.Done(failure is null ? null : $"{failure.GetType().Name}: {failure.Message}");
    }

    /// <summary>Parsing, detection, enrichment, correlation and the incident rules, on throw-away state.</summary>
    private WarmupSample RunPurePipeline()
    {
        var now = clock.GetUtcNow();
        var settings = policy.Fleet.Ingest;
        var defaults = IngestDefaults.From(settings, ShipId, now);
        var logs = IngestBatchParser.Parse(SampleLogs(), defaults, settings.Http.MaxItemsPerRequest, LogMessageParser.Parse).Accepted;
        var metrics = IngestBatchParser.Parse(SampleMetrics(), defaults, settings.Http.MaxItemsPerRequest, MetricSampleParser.Parse).Accepted;
        var batch = new TelemetryBatch { IngestedAt = now, Logs = logs.ToList(), Metrics = metrics.ToList() };

        var sample = new WarmupSample(batch, new ServiceMonitorState(), new CorrelationState(), new IncidentState());
        var result = new ServicePipeline(policy.DetectFor(ShipId), clock).Process(batch, sample.Service);
        sample.Candidates.AddRange(result.Candidates);
        var correlate = policy.For(ShipId).Correlate;
        foreach (var group in result.Candidates.GroupBy(c => ICorrelationGrain.Key(c.IncidentType, c.Anomaly.ShipId)))
        {
            var decisions = new CorrelationEngine(correlate, c => IncidentIds.For(group.Key, c)).Correlate(sample.Correlation, group.ToList());
            foreach (var decision in decisions)
            {
                // Kept as the correlation grain keeps them before telling the incidents (its state's write-ahead part).
                sample.Correlation.Undelivered[decision.Candidate.Anomaly.TrackingId] = SavedDecision.Of(decision, now);
            }

            foreach (var opened in decisions.Where(d => d.IncidentId is not null).GroupBy(d => d.IncidentId!))
            {
                var change = new IncidentChange
                {
                    IncidentId = opened.Key,
                    IncidentType = opened.First().Candidate.IncidentType,
                    ShipId = ShipId,
                    NewMembers = opened.Where(d => d.Verdict != CorrelationVerdict.Duplicate).Select(d => d.Candidate.Anomaly).ToList(),
                    Duplicates = opened.Where(d => d.Verdict == CorrelationVerdict.Duplicate).Select(d => d.Candidate.Anomaly).ToList(),
                };
                var incident = sample.Incident;
                IncidentRecord.Apply(incident, change, correlate, clock.GetUtcNow(), policy.RedactorFor(ShipId, "incident_evidence"));
                _ = IncidentRecord.ToIncident(incident);
                _ = IncidentRecord.ToSummary(incident);
                RoundTrip(change);
                RoundTrip(incident);
            }

            RoundTrip(group.ToList() as IReadOnlyList<CorrelationCandidate>);
        }

        RoundTrip(batch);
        RoundTrip(new List<JournaledBatch> { new(1, batch) } as IReadOnlyList<JournaledBatch>);
        // The notification states an incident's first transition writes (their codecs are made on first use).
        RoundTrip(new GateState());
        RoundTrip(new Grains.Notifications.DispatcherState());
        return sample;
    }

    /// <summary>The journal's append, group commit and flush, in a throw-away journal that is deleted at once.</summary>
    private async Task RunJournalAsync(TelemetryBatch batch, CancellationToken stoppingToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"aiops-warmup-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var journal = IngestJournal.Open(directory, new JournalOptions { FlushToDisk = policy.Fleet.Ingest.Durability.FlushToDisk }, _ => { });
            await using (journal)
            {
                // The entry format the journal writes logs and metrics in, both ways (a replay reads it back).
                var bytes = TelemetryBatchFormat.Write(batch);
                _ = TelemetryBatchFormat.Read(bytes);
                await journal.AppendAsync([(bytes, batch)]).WaitAsync(stoppingToken);
                _ = journal.ReadUncheckpointed();
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Activates the grain types the first event goes through (constructors, state facets, activation hooks)
    /// and lets them go again: Orleans' management call activates a grain and deactivates it once idle, and
    /// none of them writes or counts anything on activation or deactivation (a clean service monitor writes
    /// nothing, a correlation key or incident that does not exist is only read).
    /// </summary>
    private async Task ActivateGrainsAsync(WarmupSample sample, CancellationToken stoppingToken)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        IAddressable[] warm =
        [
            grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ShipId, Service)),
            grains.GetGrain<ICorrelationGrain>(ICorrelationGrain.Key(Service, ShipId)),
            grains.GetGrain<IIncidentGrain>($"INC-{ShipId}"),
        ];
        await Task.WhenAll(warm.Select(grain => grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask())).WaitAsync(stoppingToken);

        // The silo's silence snapshot, which the first correlation would otherwise load (a registry activation and
        // call) while its event waits. Loading it only reads.
        await services.GetRequiredService<Grains.Silences.SilenceCache>().CurrentAsync().AsTask().WaitAsync(stoppingToken);

        // The grain storage's write, read and delete, on a state name of its own that is removed again, with the
        // states the pure run filled (an empty state would leave the codecs of their parts for the first event).
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Durable);
        await WriteAndClearAsync(storage, sample.Service);
        await WriteAndClearAsync(storage, sample.Correlation);
        await WriteAndClearAsync(storage, sample.Incident);
        var folder = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "grains", ShipId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WriteAndClearAsync<T>(IGrainStorage storage, T value)
    {
        // A key of this write alone: silos of a cluster warm up against the same store at the same time, and a
        // store that keeps a cleared record (Redis) refuses a first write to a key that had one.
        var id = GrainId.Create(ShipId, $"{Service}-{Guid.NewGuid():N}");
        var state = new GrainState<T>(value);
        await storage.WriteStateAsync(ShipId, id, state);
        await storage.ReadStateAsync(ShipId, id, state);
        // Written again as read: a state that tells its changes appends them to its log, and is read back from it.
        await storage.WriteStateAsync(ShipId, id, state);
        await storage.ReadStateAsync(ShipId, id, state);
        await storage.ClearStateAsync(ShipId, id, state);
    }

    /// <summary>Serialises, reads back and deep-copies a value, as the journal, grain storage and grain calls do.</summary>
    private void RoundTrip<T>(T value)
    {
        var serializer = services.GetRequiredService<Serializer<T>>();
        _ = serializer.Deserialize(serializer.SerializeToArray(value));
        _ = services.GetRequiredService<DeepCopier<T>>().Copy(value);
    }

    private static ReadOnlyMemory<byte> SampleLogs()
    {
        var text = new StringBuilder();
        string[] lines =
        [
            """{"level":"info","msg":"GET /api/orders/1 200 12ms"}""",
            """{"level":"warn","msg":"slow query took 2300ms"}""",
            """{"level":"error","msg":"Database connection timeout after 30s"}""",
            """{"level":"error","msg":"OutOfMemoryError: Java heap space"}""",
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(lines[i][..^1]).Append($$""","tracking_id":"warmup-log-{{i}}","ship_id":"{{ShipId}}","domain":"app","service":"{{Service}}","device_id":"app-1"}""").Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static ReadOnlyMemory<byte> SampleMetrics()
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < 4; i++)
        {
            text.Append(i == 0 ? "" : ",").Append($$$"""{"tracking_id":"warmup-metric-{{{i}}}","ship_id":"{{{ShipId}}}","domain":"app","service":"{{{Service}}}","metric":"cpu_percent","value":{{{20 + (i * 25)}}},"device_id":"app-1","labels":{"core":"0"}}""");
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Fast Path warmed up in {ElapsedMs} ms, the JIT quiet after {JitQuietMs} ms more")]
    private static partial void LogWarmedUp(ILogger logger, double elapsedMs, double jitQuietMs);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "Fast Path warm-up failed; the first events may be slower")]
    private static partial void LogWarmupFailed(ILogger logger, Exception error);
}
