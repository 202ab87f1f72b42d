using AiOps.Infrastructure.Policy;

namespace AiOps.Silo.Features.Audit;

/// <summary>Puts every policy reload, accepted or rejected, into the audit trail.</summary>
public sealed partial class PolicyReloadAuditor(ReloadingPolicyProvider policy, AuditTrail trail, ILogger<PolicyReloadAuditor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        policy.Reloaded += OnReloaded;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        policy.Reloaded -= OnReloaded;
        return Task.CompletedTask;
    }

    private void OnReloaded(string directory, string? problem) =>
        _ = RecordAsync(directory, problem);

    private async Task RecordAsync(string directory, string? problem)
    {
        try
        {
            await trail.RecordAsync("system", "policy_reload", $"policy:{directory}", problem is null ? "success" : "rejected", error: problem);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            LogNotAudited(logger, e);
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "A policy reload could not be written to the audit trail")]
    private static partial void LogNotAudited(ILogger logger, Exception error);
}
