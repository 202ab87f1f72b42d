namespace AiOps.Silo.Security;

/// <summary>
/// The four roles an API key carries, and the authorization policies the endpoints name. Each policy lists
/// the roles it admits; admin is admitted everywhere.
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Engineer = "engineer";
    public const string Admin = "admin";
    public const string Ingest = "ingest";

    public static readonly string[] All = [Viewer, Engineer, Admin, Ingest];

    /// <summary>Read incidents, stats, traces, policy, audit, metrics.</summary>
    public const string ReadPolicy = "read";

    /// <summary>Acknowledge, resolve, suppress, approve, execute actions.</summary>
    public const string OperatePolicy = "operate";

    /// <summary>Administration: the Orleans dashboard.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Send telemetry: the ingest endpoints only.</summary>
    public const string IngestPolicy = "ingest";

    internal static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [ReadPolicy] = [Viewer, Engineer, Admin],
        [OperatePolicy] = [Engineer, Admin],
        [AdminPolicy] = [Admin],
        [IngestPolicy] = [Ingest, Admin],
    };
}
