using AiOps.Core.Ingest;
using AiOps.Core.Ingest.Otlp;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Ingest;
using AiOps.Silo.Features.Ingest;
using AiOps.Silo.Hosting;
using Google.Protobuf;

namespace AiOps.Silo.Features.Otlp;

/// <summary>
/// <c>POST /v1/logs</c> and <c>/v1/metrics</c>: OTLP/HTTP as the OpenTelemetry Collector's <c>otlphttp</c> exporter
/// and the SDKs' OTLP exporters send it (protobuf or JSON, gzip allowed). The records take the ingest path of
/// <c>/api/v3/ingest</c> (same limits, journal and back-pressure; durable before the answer). The answer is OTLP's:
/// <c>200</c> with an Export…ServiceResponse in the request's encoding, whose <c>partial_success</c> counts and names
/// the records not taken; <c>400</c> ProblemDetails when the body or every record is unusable; <c>503</c> with
/// <c>Retry-After</c> under back-pressure, which OTLP exporters retry.
/// </summary>
public static class OtlpApi
{
    public static IEndpointRouteBuilder MapOtlpApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1")
            .RequireAuthorization(Security.Roles.IngestPolicy)
            .RequireRateLimiting(Security.SecurityRegistration.IngestRateLimit);
        group.MapPost("/logs", (HttpContext context, IngestPublisher publisher, IIngestSink sink, PolicyRuntime policy, TimeProvider clock, ILoggerFactory logs) =>
            ExportAsync(context, publisher, sink, policy, clock, logs, "log", ExportLogsServiceRequest.Parser,
                (request, defaults, maxItems) => OtlpLogMapper.Map(request, defaults, policy.Fleet.Ingest.Otlp, maxItems), publisher.PublishLogsAsync,
                rejected => new ExportLogsServiceResponse { PartialSuccess = rejected is { } r ? new ExportLogsPartialSuccess { RejectedLogRecords = r.Count, ErrorMessage = r.Message } : null }))
            .WithSummary("OTLP/HTTP logs (ExportLogsServiceRequest)");
        group.MapPost("/metrics", (HttpContext context, IngestPublisher publisher, IIngestSink sink, PolicyRuntime policy, TimeProvider clock, ILoggerFactory logs) =>
            ExportAsync(context, publisher, sink, policy, clock, logs, "metric", ExportMetricsServiceRequest.Parser,
                (request, defaults, maxItems) => OtlpMetricMapper.Map(request, defaults, policy.Fleet.Ingest.Otlp, maxItems), publisher.PublishMetricsAsync,
                rejected => new ExportMetricsServiceResponse { PartialSuccess = rejected is { } r ? new ExportMetricsPartialSuccess { RejectedDataPoints = r.Count, ErrorMessage = r.Message } : null }))
            .WithSummary("OTLP/HTTP metrics (ExportMetricsServiceRequest)");
        group.WithMetadata(new DocumentedBody(typeof(OtlpBody), [OtlpPayload.ProtobufType, OtlpPayload.JsonType]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(OtlpBody), [OtlpPayload.ProtobufType, OtlpPayload.JsonType]))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Ingest");
        return routes;
    }

    private static async Task<IResult> ExportAsync<TRequest, TEvent>(
        HttpContext context,
        IngestPublisher publisher,
        IIngestSink sink,
        PolicyRuntime policy,
        TimeProvider clock,
        ILoggerFactory logs,
        string kind,
        MessageParser<TRequest> binary,
        Func<TRequest, IngestDefaults, int, IngestBatch<TEvent>> map,
        Func<IReadOnlyList<TEvent>, DateTimeOffset, CancellationToken, Task> publish,
        Func<(long Count, string Message)?, IMessage> answer)
        where TRequest : class, IMessage<TRequest>, new()
        where TEvent : Contracts.Messages.BaseMessage
    {
        var json = context.Request.ContentType is { } type && type.StartsWith(OtlpPayload.JsonType, StringComparison.OrdinalIgnoreCase);
        if (!json && !(context.Request.ContentType?.StartsWith(OtlpPayload.ProtobufType, StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Type",
                detail: $"Content-Type '{context.Request.ContentType}' is not OTLP/HTTP: send {OtlpPayload.ProtobufType} or {OtlpPayload.JsonType}.");
        }

        var (kept, problem) = await IngestApi.KeepAsync(context, policy, clock, logs, sink, kind, (body, defaults, maxItems) =>
        {
            var (request, unreadable) = OtlpPayload.Parse(body, json, binary);
            return request is null ? IngestBatch<TEvent>.Unreadable(unreadable!) : map(request, defaults, maxItems);
        }, publish, publisher);
        if (kept is null)
        {
            return problem!;
        }

        var rejected = kept.Rejected == 0 ? ((long, string)?)null : (kept.Rejected, OtlpRejections.Describe(kept.Errors));
        return Results.Bytes(OtlpPayload.Write(answer(rejected), json), json ? OtlpPayload.JsonType : OtlpPayload.ProtobufType);
    }
}
