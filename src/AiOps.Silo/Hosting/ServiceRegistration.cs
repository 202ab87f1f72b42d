using AiOps.Contracts.Json;
using AiOps.Core.Policy;
using AiOps.Grains.Monitoring;
using AiOps.Infrastructure;
using AiOps.Infrastructure.Ingest;
using AiOps.Infrastructure.Notifications;
using AiOps.Infrastructure.Policy;
using AiOps.Infrastructure.Retention;
using AiOps.Infrastructure.Stats;
using AiOps.Insight;
using AiOps.Silo.Features.Health;
using AiOps.Silo.Features.Ingest;
using AiOps.Silo.Features.Stats;
using AiOps.Silo.Features.Trace;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace AiOps.Silo.Hosting;

public static class ServiceRegistration
{
    /// <summary>Everything the host needs: options, policy, observability, Fast Path services and the silo.</summary>
    public static WebApplicationBuilder AddAiOps(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AiOpsOptions.Section).Get<AiOpsOptions>() ?? new AiOpsOptions();
        builder.Services.AddOptions<AiOpsOptions>().Bind(builder.Configuration.GetSection(AiOpsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // A bad policy stops the start with the file, key and line (PolicyException); a bad reload does not.
        var policy = PolicyLoader.Load(options.PolicyDirectory);
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton<ReloadingPolicyProvider>();
        builder.Services.AddSingleton<IPolicyProvider>(sp => sp.GetRequiredService<ReloadingPolicyProvider>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReloadingPolicyProvider>());

        builder.AddAiOpsLogging();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FieldErrors.Add);
        // Typed request records are checked by their DataAnnotations before a handler runs; a parameter that does
        // not even bind is thrown, not answered with a bare 400, so ClientInputExceptionHandler can name it.
        builder.Services.AddValidation();
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddAiOpsOpenApi();
        builder.Services.AddExceptionHandler<ClientInputExceptionHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        builder.Services.AddRequestDecompression(DecodingProvider.Register);
        builder.Services.ConfigureHttpJsonOptions(json => AiOpsJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FastPathMetrics.MeterName, InsightMetrics.MeterName, AiOps.Grains.Notifications.NotificationMetrics.MeterName, "Microsoft.Orleans")
            // Polly: the resilience events (timeouts, circuit opened/closed) of outbound calls, by pipeline.
            .AddMeter("Polly")
            // .NET's own meters: HTTP server (Kestrel, routing), HttpClient (notifications, models, webhooks), runtime (GC, threads).
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing", "System.Net.Http", "System.Runtime")
            // Orleans' directory cache size is observed on every collection: a CPU trace of an alert storm scraped a
            // few times a second (aiops load's backlog sampler) put its callback at 3% of the host's CPU, for a
            // figure no rule or dashboard here reads.
            .AddView("orleans-directory-cache-size", MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.AddAiOpsTracing();

        // The grains' dependencies, shared with the test cluster; the stores' writers are registered before the silo,
        // so that they stop after it and write the grains' last records.
        builder.Services.AddAiOpsGrainServices(new GrainServiceSettings(options.DataDirectory)
        {
            Redis = builder.Configuration.GetConnectionString("redis"),
            ServiceId = OrleansEndpointOptions.From(builder.Configuration).ServiceId,
            ClickHouse = builder.Configuration.GetConnectionString("clickhouse"),
            HostsGrains = !options.IsApiOnly,
        });
        // After AddOpenTelemetry: hosted services start in order, so the exporter already listens.
        builder.Services.AddHostedService<ZeroSeries>();
        // Before the silo, so that it stops after it and writes the grains' last traces.
        builder.Services.AddHostedService<TraceStoreService>();
        builder.Services.AddHealthChecks().AddCheck<Features.Incidents.IncidentIndexHealthCheck>("incident_index");
        builder.Services.AddSingleton<StatsFlusher>();
        builder.Services.AddSingleton<IngestPublisher>();
        builder.Services.AddSingleton<StatsReader>();
        builder.Services.AddSingleton<TraceReader>();
        builder.Services.AddSingleton<Features.Audit.AuditTrail>();
        builder.Services.AddHostedService<Features.Audit.PolicyReloadAuditor>();
        Features.Remediation.RemediationRegistration.AddAiOpsRemediation(builder.Services, builder.Configuration);
        builder.Services.AddAiOpsNotificationSenders(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddCheck<PolicyHealthCheck>("policy")
            .AddCheck<DataDirectoryHealthCheck>("data_directory")
            .AddCheck<OrleansHealthCheck>("orleans")
            .AddCheck<IngestHealthCheck>("ingest")
            .AddCheck<Features.Warmup.WarmupHealthCheck>("warmup");

        if (!options.IsApiOnly && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")))
        {
            // Before the silo starts: incidents of an earlier version get into the index while none can change.
            builder.Services.AddHostedService<Features.Incidents.IncidentIndexBackfill>();
        }

        builder.AddAiOpsOrleans(options);

        // Registered after the silo so that they stop first and their last calls still reach the grains.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StatsFlusher>());
        if (!options.IsApiOnly)
        {
            // Correlation runs on silos only; an API-only front end has no silence snapshot to keep.
            builder.Services.AddHostedService<AiOps.Infrastructure.Silences.SilenceRefresher>();
        }

        // Where a 202's events are kept (JetStream with Nats:Url, else the journal). After the silo: the sink's
        // dispatcher stops before it, so its last checkpoint still reaches the grains.
        builder.Services.AddDurableIngest(builder.Configuration, new DurableIngestSettings(options.DataDirectory, options.ShipId));
        // After the silo: runs the Fast Path once on throw-away state before /health/ready says ready.
        builder.Services.AddSingleton<Features.Warmup.WarmupState>();
        builder.Services.AddHostedService<Features.Warmup.FastPathWarmup>();
        if (!options.IsApiOnly)
        {
            // Work that belongs to the silos: retention and the Insight Path (its queue lives where incidents do).
            builder.Services.AddAiOpsNotificationPump();
            builder.Services.AddSingleton<RetentionService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
            builder.Services.AddAiOpsInsight(builder.Configuration);
            builder.Services.AddHealthChecks().AddCheck<InsightHealthCheck>("insight");
            builder.Services.AddNatsIngestConsumer(builder.Configuration);
        }
        return builder;
    }

    /// <summary>
    /// Console logs with scopes and UTC times: JSON, one object a line, for collectors (journald, Vector, Docker);
    /// in Development the simple formatter, one readable line an entry, for the person at the terminal.
    /// </summary>
    private static void AddAiOpsLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.IncludeScopes = true;
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
            return;
        }

        builder.Logging.AddJsonConsole(console =>
        {
            console.IncludeScopes = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }

    internal static AiOpsOptions GetAiOpsOptions(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<AiOpsOptions>>().Value;
}
