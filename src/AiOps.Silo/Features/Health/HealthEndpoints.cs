using System.Text.Json;
using AiOps.Contracts.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary><c>/health</c> (the process lives) and <c>/health/ready</c> (each dependency's state).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Liveness says only "up". Readiness answers its status (200, or 503 when unhealthy) to anyone, so that
        // load balancers and Kubernetes probes need no key; which dependency is in what state needs the read role.
        routes.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteReadinessAsync }).AllowAnonymous();
        return routes;
    }

    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { Status = Name(report.Status) }, AiOpsJson.Options));
    }

    private static async Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(context.User, Security.Roles.ReadPolicy)).Succeeded)
        {
            await WriteStatusAsync(context, report);
            return;
        }

        context.Response.ContentType = "application/json";
        var body = new
        {
            Status = Name(report.Status),
            Checks = report.Entries.ToDictionary(e => e.Key, e => new { Status = Name(e.Value.Status), e.Value.Description }),
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, AiOpsJson.Options));
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
