using AiOps.Core.Ingest;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;
using AiOps.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Ingest;

/// <summary><c>POST /api/v3/ingest/logs</c> and <c>/metrics</c>: JSON arrays or NDJSON, as Vector's http sink sends.</summary>
public static partial class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v3/ingest")
            .RequireAuthorization(Security.Roles.IngestPolicy)
            .RequireRateLimiting(Security.SecurityRegistration.IngestRateLimit);
        group.MapPost("/logs", (HttpContext context, IngestPublisher publisher, IIngestSink sink, PolicyRuntime policy, TimeProvider clock, ILoggerFactory logs) =>
            IngestAsync(context, policy, clock, logs, sink, "log", LogMessageParser.Parse, publisher.PublishLogsAsync, publisher))
            .DocumentsBody<IReadOnlyList<Contracts.Messages.LogMessage>>("application/json", "application/x-ndjson");
        group.MapPost("/metrics", (HttpContext context, IngestPublisher publisher, IIngestSink sink, PolicyRuntime policy, TimeProvider clock, ILoggerFactory logs) =>
            IngestAsync(context, policy, clock, logs, sink, "metric", MetricSampleParser.Parse, publisher.PublishMetricsAsync, publisher))
            .DocumentsBody<IReadOnlyList<Contracts.Messages.MetricSample>>("application/json", "application/x-ndjson");
        group.WithTags("Ingest")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> IngestAsync<T>(
        HttpContext context,
        PolicyRuntime policy,
        TimeProvider clock,
        ILoggerFactory logs,
        IIngestSink sink,
        string kind,
        IngestBatchParser.ItemParser<T> parse,
        Func<IReadOnlyList<T>, DateTimeOffset, CancellationToken, Task> publish,
        IngestPublisher publisher)
        where T : Contracts.Messages.BaseMessage
    {
        var (kept, problem) = await KeepAsync(context, policy, clock, logs, sink, kind, parse, publish, publisher);
        return kept is not null ? TypedResults.Accepted((string?)null, kept) : problem!;
    }

    /// <summary>
    /// Reads, parses and keeps a batch durably (the ingest sink) and says what was kept, or why nothing was:
    /// the steps every ingest endpoint shares, whatever its wire format and success status.
    /// </summary>
    internal static Task<(IngestResponse? Kept, ProblemHttpResult? Problem)> KeepAsync<T>(
        HttpContext context,
        PolicyRuntime policy,
        TimeProvider clock,
        ILoggerFactory logs,
        IIngestSink sink,
        string kind,
        IngestBatchParser.ItemParser<T> parse,
        Func<IReadOnlyList<T>, DateTimeOffset, CancellationToken, Task> publish,
        IngestPublisher publisher)
        where T : Contracts.Messages.BaseMessage =>
        KeepAsync(context, policy, clock, logs, sink, kind, (body, defaults, maxItems) => IngestBatchParser.Parse(body, defaults, maxItems, parse), publish, publisher);

    /// <summary>As above, for a wire format whose body is parsed whole (OTLP) rather than item by item.</summary>
    internal static async Task<(IngestResponse? Kept, ProblemHttpResult? Problem)> KeepAsync<T>(
        HttpContext context,
        PolicyRuntime policy,
        TimeProvider clock,
        ILoggerFactory logs,
        IIngestSink sink,
        string kind,
        IngestBatchParser.BatchParser<T> parse,
        Func<IReadOnlyList<T>, DateTimeOffset, CancellationToken, Task> publish,
        IngestPublisher publisher)
        where T : Contracts.Messages.BaseMessage
    {
        var settings = policy.Fleet.Ingest;
        if (Backpressure.Refusal(sink.Lag, settings.Backpressure) is { } behind)
        {
            context.Response.Headers.RetryAfter = settings.Backpressure.RetryAfterSec.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Fast Path behind", detail: behind));
        }

        var (rented, unreadable) = await RequestBody.ReadAsync(context.Request, settings.Http.MaxBodyBytes, context.RequestAborted);
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        // Given back when the request is done: the parsers copy what they keep, so nothing reads it after this method.
        using var body = rented!;

        var now = clock.GetUtcNow();
        var defaults = IngestDefaults.From(settings, context.RequestServices.GetAiOpsOptions().ShipId, now);
        var batch = parse(body.Memory, defaults, settings.Http.MaxItemsPerRequest);
        if (batch.Problem is not null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable body", detail: batch.Problem));
        }

        if (batch.Errors.Count > 0)
        {
            publisher.CountRejected(kind, batch.Errors.Count);
            LogRejected(logs.CreateLogger(typeof(IngestApi)), batch.Errors.Count, kind, batch.Errors[0].Index, batch.Errors[0].Error);
        }

        if (batch.Accepted.Count == 0 && batch.Errors.Count == 0)
        {
            // Only a format that allows an empty request (OTLP) gets here: nothing to keep, nothing wrong.
            return (new IngestResponse(0, 0, [], []), null);
        }

        if (batch.Accepted.Count == 0)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No valid events",
                detail: $"None of the {batch.Errors.Count} events is valid; the first problem, at index {batch.Errors[0].Index}: {batch.Errors[0].Error}",
                extensions: new Dictionary<string, object?> { ["accepted"] = 0, ["rejected"] = batch.Errors.Count, ["errors"] = batch.Errors }));
        }

        try
        {
            await publish(batch.Accepted, now, context.RequestAborted);
        }
        catch (IOException e)
        {
            LogNotKept(logs.CreateLogger(typeof(IngestApi)), batch.Accepted.Count, kind, e);
            context.Response.Headers.RetryAfter = settings.Backpressure.RetryAfterSec.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Events not kept",
                detail: $"The events could not be made durable ({e.Message}); nothing of this request was accepted, send it again."));
        }

        return (new IngestResponse(batch.Accepted.Count, batch.Errors.Count, batch.Accepted.Select(a => a.TrackingId).ToList(), batch.Errors), null);
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "{Count} {Kind} events could not be made durable; answered 503")]
    private static partial void LogNotKept(ILogger logger, int count, string kind, Exception error);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected {Count} {Kind} events; first at index {Index}: {Error}")]
    private static partial void LogRejected(ILogger logger, int count, string kind, int index, string error);
}
