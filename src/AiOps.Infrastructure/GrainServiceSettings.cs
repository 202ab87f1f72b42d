namespace AiOps.Infrastructure;

/// <summary>Where the stores the grains write to live; the host reads them from its configuration, a test sets them.</summary>
/// <param name="DataDirectory">The embedded stores' directory (<c>traces.db</c>, <c>incidents.db</c>) when no Redis is set.</param>
public sealed record GrainServiceSettings(string DataDirectory)
{
    /// <summary><c>ConnectionStrings:redis</c>: the trace store and incident index that all silos and the API front end share.</summary>
    public string? Redis { get; init; }

    /// <summary>The Orleans service id, which prefixes the shared stores' Redis keys.</summary>
    public string ServiceId { get; init; } = "aiops";

    /// <summary><c>ConnectionStrings:clickhouse</c>: the analytics store; without it nothing leaves the grains.</summary>
    public string? ClickHouse { get; init; }

    /// <summary>False on an API-only front end: it reads the stores but runs no grains, so it keeps no silence snapshot or insight queue.</summary>
    public bool HostsGrains { get; init; } = true;
}
