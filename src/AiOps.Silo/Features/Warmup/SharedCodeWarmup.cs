using System.Text.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Ingest;
using AiOps.Core.Pipeline;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;
using AiOps.Silo.Features.Ingest;
using Polly;

namespace AiOps.Silo.Features.Warmup;

/// <summary>
/// The shared machinery the first event goes through besides the Fast Path's own rules: the correlation key's
/// group commit, the journal dispatcher's retry pipeline and the <c>202</c>'s JSON. Each runs on the same generic
/// shapes as the real calls (code of a generic type over a value type, and a serializer's metadata, are made on
/// first use, which ReadyToRun cannot do ahead), with work that keeps nothing.
/// </summary>
internal static class SharedCodeWarmup
{
    /// <summary>The correlation grain's queue shape, folding two calls into one run of a pure function.</summary>
    public static async Task GroupCommitAsync(IReadOnlyList<CorrelationCandidate> candidates)
    {
        var queue = new GroupCommitQueue<IReadOnlyList<CorrelationCandidate>, DateTimeOffset?>(
            calls => Task.FromResult<IReadOnlyList<DateTimeOffset?>>(calls.Select(call => call.Count == 0 ? null : (DateTimeOffset?)call[0].Anomaly.Ts).ToList()),
            call => call.Count,
            maxWeightPerBatch: 20_000);
        await Task.WhenAll(queue.Batch(candidates), queue.Batch([]));
        await queue.Exclusive(() => Task.FromResult(0));
    }

    /// <summary>The dispatcher's retry pipeline around a call with a state of two references, as the real call has.</summary>
    public static async Task DeliveryPipelineAsync(DurabilitySettings durability, TimeProvider clock, ILoggerFactory loggers, CancellationToken stoppingToken)
    {
        var pipeline = JournalDelivery.Pipeline(durability, clock, loggers, (_, _, _) => { });
        var context = JournalDelivery.ContextFor(FastPathWarmup.ShipId, stoppingToken);
        try
        {
            await pipeline.ExecuteAsync(static (_, state) => state.Item2.Count == 0 ? ValueTask.CompletedTask : throw new InvalidOperationException(state.Item1), context, (FastPathWarmup.ShipId, new List<JournaledBatch>()));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The <c>202</c> body, written with the HTTP API's own serializer options (whose metadata cache it fills).</summary>
    public static void IngestResponseJson(JsonSerializerOptions json, IReadOnlyList<string> trackingIds) =>
        _ = JsonSerializer.SerializeToUtf8Bytes(new IngestResponse(trackingIds.Count, 1, trackingIds, [new IngestItemError(0, "warm-up")]), json);
}
