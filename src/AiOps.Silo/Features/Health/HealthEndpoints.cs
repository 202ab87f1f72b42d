using System.Text.Json;
using AiOps.Contracts.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiOps.Silo.Features.Health;

/// <summary><c>/health</c> (the process lives) and <c>/health/ready</c> (each dependency's state).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Liveness says only "up", so probes may call it without a key; readiness names dependencies.
        routes.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteAsync }).RequireAuthorization(Security.Roles.ReadPolicy);
        return routes;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            Status = report.Status.ToString().ToLowerInvariant(),
            Checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { Status = e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, AiOpsJson.Options));
    }
}
