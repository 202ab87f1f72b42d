using AiOps.Contracts.Grains;
using AiOps.Core.Policy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Insight;

/// <summary>
/// Takes requests off the insight queue, <c>max_concurrent_requests</c> at a time for the model, and writes the
/// results back onto the incidents; separate lanes serve at once what must go without the model (overflow, and
/// requests that waited too long), so a hung model never holds them. It runs beside the Fast Path and never holds
/// it up. Start-up indexing with the model's embeddings runs in the background: the workers start on the local index.
/// </summary>
public sealed partial class InsightWorker(
    IInsightQueue queue,
    InsightEngine engine,
    KnowledgeBase knowledge,
    IGrainFactory grains,
    PolicyRuntime policy,
    TimeProvider clock,
    ILogger<InsightWorker> logger) : BackgroundService
{
    private const int LanesWithoutModel = 2;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await knowledge.IndexLocallyAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIndexFailed(logger, e);
        }

        var modelIndex = IndexForModelAsync(stoppingToken);
        var workers = Enumerable.Range(0, Math.Max(1, policy.Fleet.Llm.MaxConcurrentRequests)).Select(_ => WorkAsync(stoppingToken));
        var lanes = Enumerable.Range(0, LanesWithoutModel).Select(_ => WorkWithoutModelAsync(stoppingToken));
        await Task.WhenAll(workers.Concat(lanes).Append(modelIndex));
    }

    private async Task IndexForModelAsync(CancellationToken stoppingToken)
    {
        try
        {
            await knowledge.IndexForModelAsync(clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            InsightRequest request;
            try
            {
                request = await queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await HandleSafelyAsync(request, useModel: true, stoppingToken);
        }
    }

    private async Task WorkWithoutModelAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            InsightRequest? request;
            try
            {
                request = await queue.TakeWithoutModelAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (request is not null)
            {
                await HandleSafelyAsync(request, useModel: false, stoppingToken);
            }
        }
    }

    private async Task HandleSafelyAsync(InsightRequest request, bool useModel, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAsync(request, useModel, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, request.IncidentId, e);
        }
    }

    private async Task HandleAsync(InsightRequest request, bool useModel, CancellationToken cancellationToken)
    {
        var incidentGrain = grains.GetGrain<IIncidentGrain>(request.IncidentId);
        var incident = request.Incident ?? await incidentGrain.GetAsync();
        if (incident is null)
        {
            return;
        }

        if (request.Work == InsightWork.Learn)
        {
            // Learned without the model, the incident stays owed: its reminder asks again for the model's index.
            if (await knowledge.LearnAsync(incident, policy.RedactorFor(incident.ShipId, "vector_store"), useModel, cancellationToken))
            {
                await incidentGrain.LearnedAsync(request.RequestedAt);
            }

            return;
        }

        if (await engine.ProduceAsync(incident, request, cancellationToken) is { } insight)
        {
            await incidentGrain.ApplyInsightAsync(insight);
        }
    }

    [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "Insight for {IncidentId} failed")]
    private static partial void LogFailed(ILogger logger, string incidentId, Exception error);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Error, Message = "Indexing the runbooks and policy failed; retrieval starts empty")]
    private static partial void LogIndexFailed(ILogger logger, Exception error);
}
