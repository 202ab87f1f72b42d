using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;
using AiOps.Grains.Monitoring;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using Polly;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// Durable ingestion from NATS JetStream: a durable pull consumer over the subjects a Vector deployment
/// publishes. A message is acknowledged only after its service grain processed and persisted it, so a crashed
/// silo means redelivery, not loss; redeliveries are recognised by tracking id and not counted twice.
/// A message that is not a valid event is terminated (not redelivered) and counted as rejected.
/// </summary>
public sealed partial class NatsIngestConsumer : BackgroundService
{
    private readonly IOptions<NatsIngestOptions> _options;
    private readonly DurableIngestSettings _installation;
    private readonly IGrainFactory _grains;
    private readonly PolicyRuntime _policy;
    private readonly FastPathMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<NatsIngestConsumer> _logger;
    private readonly ResiliencePipeline _retry;
    private long _pending;

    public NatsIngestConsumer(
        IOptions<NatsIngestOptions> options,
        DurableIngestSettings installation,
        IGrainFactory grains,
        PolicyRuntime policy,
        FastPathMetrics metrics,
        IMeterFactory meters,
        TimeProvider clock,
        ILoggerFactory loggerFactory,
        ILogger<NatsIngestConsumer> logger)
    {
        (_options, _installation, _grains, _policy, _metrics, _clock, _logger) =
            (options, installation, grains, policy, metrics, clock, logger);
        // Unacknowledged messages come back after the ack wait: nothing is lost by waiting out a failure.
        _retry = NatsRetry.UntilAvailable(options.Value, clock, loggerFactory, e => LogFetchFailed(logger, e));
        meters.Create(FastPathMetrics.MeterName).CreateObservableGauge("aiops.ingest.consumer_lag", () => Pending, "{message}",
            "Messages on the JetStream consumer not yet acknowledged (waiting or in flight)");
    }

    /// <summary>Messages the consumer has not yet taken (consumer lag), as JetStream last reported it.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = _options.Value;
        await using var nats = new NatsClient(settings.Url!);
        var jetStream = nats.CreateJetStreamContext();
        var consumer = await _retry.ExecuteAsync(async token =>
        {
            await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(settings.Stream, settings.Subjects) { Storage = StreamConfigStorage.File }, token);
            return await jetStream.CreateOrUpdateConsumerAsync(settings.Stream, new ConsumerConfig(settings.Consumer)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = settings.AckWait,
                MaxAckPending = Math.Max(settings.FetchBatch * 4, 1000),
            }, token);
        }, stoppingToken);
        LogStarted(_logger, settings.Url!, settings.Stream, settings.Consumer);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _retry.ExecuteAsync(token => FetchOnceAsync(consumer, settings, token), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask FetchOnceAsync(INatsJSConsumer consumer, NatsIngestOptions settings, CancellationToken cancellationToken)
    {
        var messages = new List<INatsJSMsg<byte[]>>();
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = settings.FetchBatch, Expires = TimeSpan.FromSeconds(1) }, cancellationToken: cancellationToken))
        {
            messages.Add(message);
        }

        if (messages.Count > 0)
        {
            await TakeAsync(messages, cancellationToken);
        }

        await consumer.RefreshAsync(cancellationToken);
        Interlocked.Exchange(ref _pending, (long)consumer.Info.NumPending + consumer.Info.NumAckPending);
    }

    private async Task TakeAsync(List<INatsJSMsg<byte[]>> messages, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var defaults = IngestDefaults.From(_policy.Fleet.Ingest, _installation.ShipId, now);
        var groups = new Dictionary<string, (List<LogMessage> Logs, List<MetricSample> Metrics, List<AlertMessage> Alerts, List<INatsJSMsg<byte[]>> Messages)>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            try
            {
                var isMetric = message.Subject.StartsWith("telemetry.metrics.", StringComparison.Ordinal);
                var (ship, service) = message.Subject.StartsWith("alerts.ingested.", StringComparison.Ordinal) ? Add(AlertOf(message.Data))
                    : isMetric ? Add(MetricSampleParser.Parse(message.Data, defaults)) : Add(LogMessageParser.Parse(message.Data, defaults));
                (string, string) Add<T>(T item) where T : BaseMessage
                {
                    var key = item switch
                    {
                        LogMessage l => StreamNames.ServiceKey(l.ShipId, l.Service),
                        MetricSample m => StreamNames.ServiceKey(m.ShipId, m.Service),
                        AlertMessage a => StreamNames.ServiceKey(a.ShipId, a.Service),
                        _ => "",
                    };
                    if (!groups.TryGetValue(key, out var group))
                    {
                        group = ([], [], [], []);
                        groups[key] = group;
                    }

                    if (item is LogMessage log)
                    {
                        group.Logs.Add(log);
                    }
                    else if (item is MetricSample sample)
                    {
                        group.Metrics.Add(sample);
                    }
                    else if (item is AlertMessage alert)
                    {
                        group.Alerts.Add(alert);
                    }

                    group.Messages.Add(message);
                    return (item.ShipId, key);
                }
            }
            catch (InvalidItemException e)
            {
                _metrics.Rejected.Add(1, new KeyValuePair<string, object?>("kind", "nats"));
                LogRejected(_logger, message.Subject, e.Message);
                await message.AckTerminateAsync(cancellationToken: cancellationToken);
            }
        }

        await Task.WhenAll(groups.Select(async group =>
        {
            var batch = new TelemetryBatch { IngestedAt = now, Logs = group.Value.Logs, Metrics = group.Value.Metrics, Alerts = group.Value.Alerts };
            var fresh = await _grains.GetGrain<IServiceMonitorGrain>(group.Key).ProcessDurablyAsync(batch);
            _metrics.Ingested.Add(fresh, new KeyValuePair<string, object?>("kind", "nats"));
            foreach (var message in group.Value.Messages)
            {
                await message.AckAsync(cancellationToken: cancellationToken);
            }
        }));
    }

    /// <summary>Alerts on NATS were parsed and mapped by the HTTP host that published them; they are AiOps's own JSON.</summary>
    private static AlertMessage AlertOf(byte[]? data)
    {
        try
        {
            return JsonSerializer.Deserialize<AlertMessage>(data ?? [], AiOpsJson.Options) ?? throw new InvalidItemException("the alert message is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidItemException($"the alert message is not AiOps alert JSON: {e.Message}");
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Consuming {Url} stream {Stream} as durable consumer {Consumer}")]
    private static partial void LogStarted(ILogger logger, string url, string stream, string consumer);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Rejected a message on {Subject}: {Problem}")]
    private static partial void LogRejected(ILogger logger, string subject, string problem);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "NATS fetch or processing failed; unacknowledged messages will be redelivered")]
    private static partial void LogFetchFailed(ILogger logger, Exception error);
}
