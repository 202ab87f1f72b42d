namespace AiOps.Silo.Security;

/// <summary>
/// <c>Auth</c>: the API keys, each under the name of whoever holds it, stored only as a hash
/// (<c>aiops key new</c> makes one). With no keys the host serves loopback only.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public Dictionary<string, ApiKeyEntry> Keys { get; set; } = [];

    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>One key: <c>Hash</c> is <c>sha256:</c> and the hex SHA-256 of the key; <c>Role</c> one of <see cref="Roles.All"/>.</summary>
public sealed class ApiKeyEntry
{
    public string Hash { get; set; } = "";
    public string Role { get; set; } = "";
}

/// <summary>Per key: ingest requests and write requests (status changes, approvals, executions).</summary>
public sealed class RateLimitOptions
{
    public int IngestRequestsPerSecond { get; set; } = 200;
    public int WritesPerMinute { get; set; } = 60;
}
