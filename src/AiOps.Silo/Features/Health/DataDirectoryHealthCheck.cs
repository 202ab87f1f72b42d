using AiOps.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiOps.Silo.Features.Health;

/// <summary>The durable store needs a writable data directory.</summary>
public sealed class DataDirectoryHealthCheck(IOptions<AiOpsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".health-probe");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"{directory} is writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{directory} is not writable: {e.Message}");
        }
    }
}
