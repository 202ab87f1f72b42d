using AiOps.Insight;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Opt-in distributed tracing (<see cref="DistributedTracing"/>): with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the
/// host exports spans with the OTLP exporter (its protocol, headers and batching from the SDK's own
/// <c>OTEL_EXPORTER_OTLP_*</c> and <c>OTEL_BSP_*</c> variables) for HTTP requests served and sent, Orleans grain
/// calls (activity propagation, on the silo and the client) and the Insight Path's model calls.
/// </summary>
public static class TracingRegistration
{
    public const string ServiceName = "aiops";

    public static WebApplicationBuilder AddAiOpsTracing(this WebApplicationBuilder builder)
    {
        if (!DistributedTracing.IsOn(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", DistributedTracing.ChatSource)
                .AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return builder;
    }
}
