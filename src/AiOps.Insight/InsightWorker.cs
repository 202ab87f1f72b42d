using AiOps.Contracts.Grains;
using AiOps.Core.Policy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Insight;

/// <summary>
/// Takes requests off the insight queue, <c>max_concurrent_requests</c> at a time, and writes the results
/// back onto the incidents. It runs beside the Fast Path and never holds it up.
/// </summary>
public sealed partial class InsightWorker(
    IInsightQueue queue,
    InsightEngine engine,
    KnowledgeBase knowledge,
    IGrainFactory grains,
    PolicyRuntime policy,
    ILogger<InsightWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await knowledge.IndexShippedKnowledgeAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIndexFailed(logger, e);
        }

        var workers = Enumerable.Range(0, Math.Max(1, policy.Fleet.Llm.MaxConcurrentRequests)).Select(_ => WorkAsync(stoppingToken));
        await Task.WhenAll(workers);
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

            try
            {
                await HandleAsync(request, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, request.IncidentId, e);
            }
        }
    }

    private async Task HandleAsync(InsightRequest request, CancellationToken cancellationToken)
    {
        var incidentGrain = grains.GetGrain<IIncidentGrain>(request.IncidentId);
        var incident = await incidentGrain.GetAsync();
        if (incident is null)
        {
            return;
        }

        if (request.Work == InsightWork.Learn)
        {
            await knowledge.LearnAsync(incident, policy.RedactorFor(incident.ShipId, "vector_store"), cancellationToken);
            await incidentGrain.LearnedAsync(request.RequestedAt);
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
