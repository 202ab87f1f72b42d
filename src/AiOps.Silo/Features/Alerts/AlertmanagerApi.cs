using AiOps.Silo.Hosting;
using AiOps.Core.Alerts;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;
using AiOps.Silo.Features.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Alerts;

/// <summary>
/// <c>POST /api/v2/alerts</c>: Alertmanager's API v2, so Prometheus, vmalert and Grafana alerting can name AiOps
/// as their Alertmanager. Alerts take the ingest path of logs and metrics (durable before the answer); the
/// answer is <c>200</c>, as Alertmanager's, because some senders (vmalert) count any other status a failure.
/// </summary>
public static class AlertmanagerApi
{
    public static IEndpointRouteBuilder MapAlertmanagerApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v2/alerts", PostAsync)
            .RequireAuthorization(Security.Roles.IngestPolicy)
            .RequireRateLimiting(Security.SecurityRegistration.IngestRateLimit)
            .DocumentsBody<IReadOnlyList<PostableAlert>>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Ingest");
        return routes;
    }

    private static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostAsync(
        HttpContext context, IngestPublisher publisher, IIngestSink sink, PolicyRuntime policy, TimeProvider clock, ILoggerFactory logs)
    {
        var settings = policy.Fleet.Ingest.Alerts;
        var (kept, problem) = await IngestApi.KeepAsync(context, policy, clock, logs, sink, "alert",
            (json, defaults) => AlertmanagerAlertParser.Parse(json, defaults, settings), publisher.PublishAlertsAsync, publisher);
        return kept is not null ? TypedResults.Ok(kept) : problem!;
    }
}
