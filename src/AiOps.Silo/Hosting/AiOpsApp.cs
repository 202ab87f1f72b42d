using AiOps.Silo.Features.Alerts;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Features.Health;
using AiOps.Silo.Features.Incidents;
using AiOps.Silo.Features.Ingest;
using AiOps.Silo.Features.Logs;
using AiOps.Silo.Features.Notifications;
using AiOps.Silo.Features.Otlp;
using AiOps.Silo.Features.Policy;
using AiOps.Silo.Features.Remediation;
using AiOps.Silo.Features.Silences;
using AiOps.Silo.Features.Stats;
using AiOps.Silo.Features.Trace;
using AiOps.Silo.Security;
using Orleans.Dashboard;

namespace AiOps.Silo.Hosting;

/// <summary>The host: silo, ingest endpoints and API in one process (the embedded default).</summary>
public static class AiOpsApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings ship next to the binary; the working directory only places ./policies and ./data.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        // Under systemd (deploy/systemd, Type=notify): tells systemd when the host is started and logs for the
        // journal; elsewhere it does nothing.
        builder.Services.AddSystemd();
        builder.AddAiOps();
        builder.AddAiOpsSecurity();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAiOpsSecurity();
        app.UseRequestDecompression();
        app.UseEmptyHistograms("/metrics");
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Roles.ReadPolicy);
        app.MapOpenApi(OpenApiRegistration.DocumentPath).RequireAuthorization(Roles.ReadPolicy);
        app.MapIngestApi();
        app.MapAlertmanagerApi();
        app.MapOtlpApi();
        app.MapIncidentsApi();
        app.MapNotificationsApi();
        app.MapIncidentWorkflowApi();
        app.MapSilencesApi();
        app.MapStatsApi();
        app.MapTraceApi();
        app.MapTemplatesApi();
        app.MapPolicyApi();
        app.MapAuditApi();
        app.MapRemediationApi();
        if (app.Services.GetAiOpsOptions().Dashboard)
        {
            // A UI for people, not part of the API: kept out of the OpenAPI document.
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(Roles.AdminPolicy).ExcludeFromDescription();
        }

        return app;
    }
}
