namespace AiOps.Integration.Tests.Support;

/// <summary>A test that starts a real redis-server: skipped, with the reason, where the binary is not installed.</summary>
public sealed class RequiresRedisFactAttribute : FactAttribute
{
    public RequiresRedisFactAttribute()
    {
        if (!RedisServer.IsInstalled)
        {
            Skip = "redis-server is not installed (apt-get install redis-server; .ci/run does this)";
        }
    }
}
