using AiOps.Silo.Features.Alerts;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Features.Health;
using AiOps.Silo.Features.Incidents;
using AiOps.Silo.Features.Ingest;
using AiOps.Silo.Features.Policy;
using AiOps.Silo.Features.Remediation;
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
        builder.AddAiOps();
        builder.AddAiOpsSecurity();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAiOpsSecurity();
        app.UseRequestDecompression();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Roles.ReadPolicy);
        app.MapOpenApi(OpenApiRegistration.DocumentPath).RequireAuthorization(Roles.ReadPolicy);
        app.MapIngestApi();
        app.MapAlertmanagerApi();
        app.MapIncidentsApi();
        app.MapStatsApi();
        app.MapTraceApi();
        app.MapPolicyApi();
        app.MapAuditApi();
        app.MapRemediationApi();
        if (app.Services.GetAiOpsOptions().Dashboard)
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(Roles.AdminPolicy);
        }
        return app;
    }
}
