using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AiOps.Integration.Tests.Otlp;

/// <summary>Opt-in tracing: with OTEL_EXPORTER_OTLP_ENDPOINT the host exports spans over OTLP; without it, none.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class DistributedTracingTests
{
    [Fact]
    public async Task With_the_otlp_endpoint_set_an_ingest_request_and_its_grain_calls_arrive_as_spans()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        var ship = Events.Ship("trace");

        using (await host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "pos", "error", "Payment terminal offline")]))
        {
        }

        await host.IncidentsOfShipAsync(ship, 1);
        // The spans are OTLP protobuf; their names and scope names are plain text inside it.
        await TestHost.EventuallyAsync(() => Task.FromResult(Spans(receiver).Contains("/api/v3/ingest/logs", StringComparison.Ordinal) ? (object)true : null),
            "the ingest request's server span", 30000);
        await TestHost.EventuallyAsync(() => Task.FromResult(Spans(receiver).Contains("Microsoft.Orleans.Application", StringComparison.Ordinal) ? (object)true : null),
            "grain call spans", 30000);
        Assert.All(receiver.Received, r => Assert.Equal("/v1/traces", r.Path));
    }

    [Fact]
    public async Task The_insight_path_s_model_call_is_a_span_of_the_chat_client()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var ollama = await OllamaStandIn.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Ollama:Endpoint"] = ollama.Address.ToString(),
        });
        var ship = Events.Ship("chat");

        using (await host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "comms", "vsat-modem", "error", "Carrier lost on beam 3", device: "vsat-001")]))
        {
        }

        await TestHost.EventuallyAsync(() => Task.FromResult(ollama.ChatCalls > 0 ? (object)true : null), "a model call", 30000);
        await TestHost.EventuallyAsync(() => Task.FromResult(Spans(receiver).Contains(AiOps.Insight.DistributedTracing.ChatSource, StringComparison.Ordinal) ? (object)true : null),
            "the chat client's span", 30000);
    }

    [Fact]
    public async Task Without_the_endpoint_the_host_traces_nothing()
    {
        await using var host = await TestHost.StartAsync();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    private static string Spans(HttpReceiver receiver) => string.Concat(receiver.Received.Select(r => r.Body));
}
