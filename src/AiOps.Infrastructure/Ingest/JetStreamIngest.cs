using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// Durable ingest in a cluster with NATS: each accepted event is published to JetStream, on the subjects the
/// silos' durable consumer reads (<c>logs.ingested.http</c>, <c>telemetry.metrics.http</c>), and the <c>202</c>
/// waits for every publish acknowledgement. HTTP and NATS ingest then share one durable path and one consumer,
/// so a silo's death means redelivery, not loss. The tracking id is the message id, so JetStream drops a
/// resent copy within its duplicate window.
/// </summary>
public sealed partial class JetStreamIngest(IOptions<NatsIngestOptions> options, TimeProvider clock, ILoggerFactory loggerFactory, ILogger<JetStreamIngest> logger)
    : BackgroundService, IIngestSink
{
    public const string LogSubject = "logs.ingested.http";
    public const string MetricSubject = "telemetry.metrics.http";
    public const string AlertSubject = "alerts.ingested.http";

    private readonly NatsClient _nats = new(options.Value.Url!);
    private long _pending;

    public string Durability => "jetstream: a 202 means JetStream acknowledged every event (file storage); the silos' durable consumer takes them";

    /// <summary>The age of the oldest waiting event is not measured here (null in health); the count is the consumer's.</summary>
    public IngestLag Lag => new(TimeSpan.Zero, Interlocked.Read(ref _pending));

    public async Task AcceptAsync(IReadOnlyList<TelemetryBatch> batches, CancellationToken cancellationToken)
    {
        var jetStream = _nats.CreateJetStreamContext();
        var publishes = new List<ValueTask<PubAckResponse>>();
        foreach (var batch in batches)
        {
            foreach (var log in batch.Logs)
            {
                publishes.Add(PublishAsync(jetStream, LogSubject, log.TrackingId, JsonSerializer.SerializeToUtf8Bytes(log, AiOpsJson.Options), cancellationToken));
            }

            foreach (var sample in batch.Metrics)
            {
                publishes.Add(PublishAsync(jetStream, MetricSubject, sample.TrackingId, JsonSerializer.SerializeToUtf8Bytes(sample, AiOpsJson.Options), cancellationToken));
            }

            foreach (var alert in batch.Alerts)
            {
                publishes.Add(PublishAsync(jetStream, AlertSubject, alert.TrackingId, JsonSerializer.SerializeToUtf8Bytes(alert, AiOpsJson.Options), cancellationToken));
            }
        }

        foreach (var publish in publishes)
        {
            try
            {
                (await publish).EnsureSuccess();
            }
            catch (Exception e) when (e is NatsException or NatsJSException or TimeoutException)
            {
                throw new IOException("JetStream did not acknowledge the events: " + e.Message, e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _nats.DisposeAsync();
    }

    /// <summary>Makes sure the stream exists (an API-only host may start first) and keeps the consumer's backlog current.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var jetStream = _nats.CreateJetStreamContext();
        var untilAvailable = NatsRetry.UntilAvailable(settings, clock, loggerFactory, e => LogUnavailable(logger, e.Message));
        try
        {
            await untilAvailable.ExecuteAsync(async token =>
                await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(settings.Stream, settings.Subjects) { Storage = StreamConfigStorage.File }, token),
                stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var consumer = await jetStream.GetConsumerAsync(settings.Stream, settings.Consumer, stoppingToken);
                Interlocked.Exchange(ref _pending, (long)consumer.Info.NumPending + consumer.Info.NumAckPending);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The consumer is created by the first silo that starts; until then there is no backlog to report.
            }

            // The backlog gauge's refresh, not a retry.
            await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
        }
    }

    private static ValueTask<PubAckResponse> PublishAsync(INatsJSContext jetStream, string subject, string trackingId, byte[] data, CancellationToken cancellationToken) =>
        jetStream.PublishAsync(subject, data, opts: new NatsJSPubOpts { MsgId = trackingId }, cancellationToken: cancellationToken);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "JetStream is not reachable yet ({Problem}); retrying")]
    private static partial void LogUnavailable(ILogger logger, string problem);
}
