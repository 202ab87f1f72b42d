using System.Buffers.Binary;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiOps.Infrastructure.Tracing;

/// <summary>
/// The cluster's trace store: a Redis hash per tracking id with a field per trace part (a normal event is 16 bytes,
/// an anomalous event's record a small JSON), written in pipelined batches and read in one round trip, so a
/// trace answers through any silo and the API-only front end, and outlives the silo that wrote it. The key expires
/// retention.yaml's <c>traces_hours</c> after the trace's first part was written.
/// </summary>
public sealed partial class RedisTraceStore : WriteBehindTraceStore
{
    private static readonly RedisValue[] PartFields = ["n", "m", "l"];

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly Func<TimeSpan> _retention;
    private readonly ILogger _logger;

    public RedisTraceStore(IConnectionMultiplexer redis, string serviceId, Func<TraceSettings> settings, Func<TimeSpan> retention,
        ILogger<RedisTraceStore> logger) : base(settings)
    {
        _redis = redis;
        _prefix = $"aiops:{serviceId}:trace:";
        _retention = retention;
        _logger = logger;
        StartWriter();
    }

    public override async Task<TraceRecord?> GetAsync(string trackingId, CancellationToken cancellationToken = default)
    {
        var fields = await _redis.GetDatabase().HashGetAllAsync(Key(trackingId)).WaitAsync(cancellationToken);
        var parts = new List<(int, TraceRecord)>(fields.Length);
        foreach (var field in fields)
        {
            var part = Array.IndexOf(PartFields, field.Name);
            byte[] value = field.Value!;
            var record = part switch
            {
                TraceParts.Normal when value.Length == 16 => TraceParts.NormalRecord(trackingId,
                    BinaryPrimitives.ReadInt64LittleEndian(value), BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(8))),
                TraceParts.Main or TraceParts.Later => JsonSerializer.Deserialize<TraceRecord>(value, AiOpsJson.Options),
                _ => null,
            };
            if (record is not null)
            {
                parts.Add((part, record));
            }
        }

        return TraceParts.Merge(trackingId, parts);
    }

    /// <summary>Nothing to do: every trace key expires on its own (EXPIRE of the retention).</summary>
    public override Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.FromResult(0);

    protected override async Task WriteBatchAsync(ArraySegment<PendingTrace> batch)
    {
        var ttl = _retention();
        var pipeline = _redis.GetDatabase().CreateBatch();
        var writes = new List<Task>(batch.Count * 2);
        foreach (var trace in batch)
        {
            RedisKey key = Key(trace.TrackingId);
            if (trace.Record is null)
            {
                var value = new byte[16];
                BinaryPrimitives.WriteInt64LittleEndian(value, trace.IngestedTicks);
                BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(8), trace.DetectedTicks);
                writes.Add(pipeline.HashSetAsync(key, PartFields[TraceParts.Normal], value));
            }
            else
            {
                writes.Add(pipeline.HashSetAsync(key, PartFields[TraceParts.Of(trace.Record)],
                    TraceRecordJson.ToUtf8(trace.Record)));
            }

            // The first part starts the clock; a later part (insight) does not extend the trace's life.
            writes.Add(pipeline.KeyExpireAsync(key, ttl, ExpireWhen.HasNoExpiry));
        }

        pipeline.Execute();
        await Task.WhenAll(writes);
    }

    protected override void OnWriteFailed(Exception error, int count, int attempt) => LogWriteFailed(_logger, count, attempt, error);

    protected override void OnDropped(long total) => LogDropped(_logger, total);

    protected override async ValueTask DisposeCoreAsync()
    {
        await _redis.CloseAsync();
        await _redis.DisposeAsync();
    }

    private string Key(string trackingId) => _prefix + trackingId;

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "Writing {Count} traces to Redis failed (attempt {Attempt}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, int attempt, Exception error);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "Traces dropped so far: {Total} (the write-behind buffer stayed full, or the store is closed)")]
    private static partial void LogDropped(ILogger logger, long total);
}
