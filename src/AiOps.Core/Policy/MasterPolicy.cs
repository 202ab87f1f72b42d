namespace AiOps.Core.Policy;

/// <summary><c>policy.yaml</c>: schema version, profile, included segments, feature flags, profiles, ship overrides.</summary>
public sealed class MasterPolicy
{
    public static readonly string[] KnownProfiles = ["poc", "core-fast", "full"];

    public string SchemaVersion { get; set; } = "";
    public string Profile { get; set; } = "full";
    public List<string> Includes { get; set; } = [];
    public Dictionary<string, bool> Features { get; set; } = [];

    /// <summary>Overlays by profile name; merged as YAML trees, so only their shape is typed here.</summary>
    public Dictionary<string, Dictionary<string, object>?> Profiles { get; set; } = [];

    /// <summary>Per-ship overrides by ship id; merged as YAML trees.</summary>
    public Dictionary<string, Dictionary<string, object>?> ShipOverrides { get; set; } = [];

    internal IEnumerable<PolicyIssue> Validate()
    {
        if (SchemaVersion != "3.0")
        {
            yield return new("schema_version", $"must be \"3.0\", not \"{SchemaVersion}\"");
        }

        foreach (var issue in Checks.OneOf("profile", Profile, KnownProfiles))
        {
            yield return issue;
        }

        if (!Profiles.ContainsKey(Profile))
        {
            yield return new("profiles", $"must define the selected profile \"{Profile}\"");
        }

        foreach (var name in Profiles.Keys.Where(p => !KnownProfiles.Contains(p)))
        {
            yield return new($"profiles.{name}", $"is not a profile; use {string.Join(", ", KnownProfiles)}");
        }

        foreach (var (name, overlay) in Profiles)
        {
            foreach (var section in (overlay ?? []).Keys.Where(s => !PolicyLoader.Sections.Contains(s) && s != "features"))
            {
                yield return new($"profiles.{name}.{section}", "is not a policy section");
            }
        }

        foreach (var (ship, overrides) in ShipOverrides)
        {
            foreach (var section in (overrides ?? []).Keys.Where(s => !PolicyLoader.Sections.Contains(s)))
            {
                yield return new($"ship_overrides.{ship}.{section}", $"is not a policy section ({string.Join(", ", PolicyLoader.Sections)})");
            }
        }
    }
}
