namespace AiOps.Silo.Security;

/// <summary>Says at start how the API is protected, so that an open host never goes unnoticed.</summary>
public sealed partial class SecurityStartupReport(ApiKeyDirectory keys, string? restrictedUrls, ILogger<SecurityStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!keys.IsEmpty)
        {
            LogKeys(logger, keys.Count);
        }
        else if (restrictedUrls is not null)
        {
            LogRestricted(logger, restrictedUrls);
        }
        else
        {
            LogLoopbackOnly(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "API protected by {KeyCount} API keys with roles")]
    private static partial void LogKeys(ILogger logger, int keyCount);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "No API keys configured (Auth:Keys): the API serves loopback callers only, so it listens on {Urls} instead of the configured addresses")]
    private static partial void LogRestricted(ILogger logger, string urls);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "No API keys configured (Auth:Keys): the API listens on loopback only and serves loopback callers only")]
    private static partial void LogLoopbackOnly(ILogger logger);
}
