using System.Diagnostics.Metrics;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Security;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AiOps.Integration.Tests.Otlp;

/// <summary>
/// The OpenTelemetry .NET SDK's OTLP exporter (HttpProtobuf), a real client, sends logs and metrics to
/// <c>/v1/logs</c> and <c>/v1/metrics</c> with an ingest key; they reach an incident, a trace and the counters.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class OtlpExporterTests
{
    [Fact]
    public async Task An_error_logged_through_the_otlp_log_exporter_opens_an_incident_on_the_resource_s_ship()
    {
        var keys = new ApiKeys().Add("collector", Roles.Ingest).Add("reader", Roles.Viewer);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        host.Http.DefaultRequestHeaders.Add("X-Api-Key", keys.KeyOf("reader"));
        var ship = Events.Ship("otlp");
        var trackingId = $"otlp-log-{Guid.NewGuid():N}";

        using (var logs = LoggerFactory.Create(builder => builder.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(Resource(ship, "pos", "app"));
            options.IncludeFormattedMessage = true;
            options.IncludeScopes = true;
            options.AddOtlpExporter((exporter, processor) =>
            {
                Point(exporter, host, "/v1/logs", keys.KeyOf("collector"));
                processor.ExportProcessorType = ExportProcessorType.Simple;
            });
        })))
        {
            var logger = logs.CreateLogger("Pos.Terminal");
            using (logger.BeginScope(new Dictionary<string, object> { ["tracking_id"] = trackingId }))
            {
                logger.LogError("Payment terminal offline on deck {Deck}", 5);
            }
        }

        var incident = (await host.IncidentsOfShipAsync(ship, 1)).Single();
        Assert.Equal("pos", incident.GetProperty("scope")[0].GetProperty("service").GetString());
        var trace = await host.TraceAtStageAsync(trackingId, "correlated");
        Assert.Equal(incident.GetProperty("incident_id").GetString(), trace.GetProperty("incident_id").GetString());
    }

    [Fact]
    public async Task Counter_gauge_and_histogram_through_the_otlp_metric_exporter_become_metric_events()
    {
        var keys = new ApiKeys().Add("collector", Roles.Ingest).Add("reader", Roles.Viewer);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        host.Http.DefaultRequestHeaders.Add("X-Api-Key", keys.KeyOf("reader"));
        var before = AiOps.Cli.PrometheusText.Sum(await host.Http.GetStringAsync("/metrics"), "aiops_events_ingested_total");
        var trackingId = $"otlp-metric-{Guid.NewGuid():N}";
        using var meter = new Meter($"aiops.test.{Guid.NewGuid():N}");
        var counter = meter.CreateCounter<long>("vsat.frames_dropped");
        var histogram = meter.CreateHistogram<double>("vsat.rtt", "s");
        meter.CreateObservableGauge("vsat.snr_db", () => 7.5);

        using var provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource(Events.Ship("otlpm"), "vsat", "comms"))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                Point(exporter, host, "/v1/metrics", keys.KeyOf("collector"));
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 600_000;
            })
            .Build();
        counter.Add(3, new KeyValuePair<string, object?>("tracking_id", trackingId));
        histogram.Record(0.61);

        // The exporter counts an export failed unless the answer is a 2xx with a readable response. (Read the
        // counters before the provider is disposed: disposing exports the cumulative points once more.)
        Assert.True(provider.ForceFlush(30_000), "the OTLP exporter's export succeeded");
        await host.TraceAtStageAsync(trackingId, "ingested");
        var after = AiOps.Cli.PrometheusText.Sum(await host.Http.GetStringAsync("/metrics"), "aiops_events_ingested_total");
        Assert.Equal(4, after - before); // counter, gauge, histogram _count and _sum
    }

    [Fact]
    public async Task A_key_without_the_ingest_role_fails_the_export_and_no_key_is_401()
    {
        var keys = new ApiKeys().Add("reader", Roles.Viewer);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        using var meter = new Meter($"aiops.test.{Guid.NewGuid():N}");
        meter.CreateCounter<long>("c").Add(1);

        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, _) => Point(exporter, host, "/v1/metrics", keys.KeyOf("reader")))
            .Build();

        Assert.False(provider.ForceFlush(30_000));
        using var anonymous = await host.PostBytesAsync("/v1/metrics", [], "application/x-protobuf");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static ResourceBuilder Resource(string ship, string service, string domain) =>
        ResourceBuilder.CreateEmpty().AddService(service).AddAttributes(
            [new("ship.id", ship), new("aiops.domain", domain), new("host.name", "bridge-1")]);

    private static void Point(OtlpExporterOptions exporter, TestHost host, string path, string key)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(host.BaseAddress, path);
        exporter.Headers = $"X-Api-Key={key}";
    }
}
