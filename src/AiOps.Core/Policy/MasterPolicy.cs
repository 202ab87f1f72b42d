namespace AiOps.Core.Policy;

/// <summary><c>policy.yaml</c>: schema version, profile, included segments and feature flags.</summary>
public sealed class MasterPolicy
{
    public string SchemaVersion { get; set; } = "";
    public string Profile { get; set; } = "full";
    public List<string> Includes { get; set; } = [];
    public Dictionary<string, bool> Features { get; set; } = [];

    internal IEnumerable<PolicyIssue> Validate()
    {
        if (SchemaVersion != "3.0")
        {
            yield return new("schema_version", $"must be \"3.0\", not \"{SchemaVersion}\"");
        }

        if (Profile is not ("poc" or "core-fast" or "full"))
        {
            yield return new("profile", $"must be one of poc, core-fast, full, not \"{Profile}\"");
        }

        if (Includes.Count == 0)
        {
            yield return new("includes", "must name at least one segment file");
        }
    }
}
