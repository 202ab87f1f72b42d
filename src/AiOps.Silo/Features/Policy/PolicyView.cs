using System.Text.Json;
using System.Text.Json.Nodes;
using AiOps.Contracts.Json;
using AiOps.Core.Policy;

namespace AiOps.Silo.Features.Policy;

/// <summary>A policy as the API shows it: each section's values, and where each value came from.</summary>
public static class PolicyView
{
    public static JsonObject Of(AiOpsPolicy policy, IReadOnlyCollection<string> overriddenShips)
    {
        var sections = new JsonObject();
        foreach (var name in PolicyLoader.Sections)
        {
            var values = Values(policy, name);
            var sources = new JsonObject();
            foreach (var (path, _) in Leaves(values))
            {
                sources[path] = policy.SourceOf(name, path);
            }

            var kinds = sources.Select(s => s.Value!.GetValue<string>()).ToHashSet();
            sections[name] = new JsonObject
            {
                ["source"] = kinds.Contains("override") ? "override" : kinds.Contains("fleet") ? "fleet" : "default",
                ["values"] = values,
                ["sources"] = sources,
            };
        }

        return new JsonObject
        {
            ["schema_version"] = Contracts.SchemaVersion.Current,
            ["profile"] = policy.Profile,
            ["ship_id"] = policy.ShipId,
            ["loaded_at"] = UtcTimestampConverter.Render(policy.LoadedAt),
            ["directory"] = policy.Directory,
            ["features"] = JsonSerializer.SerializeToNode(policy.Features, AiOpsJson.Options),
            ["overridden_ships"] = JsonSerializer.SerializeToNode(overriddenShips.Order().ToList(), AiOpsJson.Options),
            ["sections"] = sections,
        };
    }

    /// <summary>Every value a ship's overrides change, with the fleet's value beside it.</summary>
    public static List<PolicyChange> Diff(AiOpsPolicy fleet, AiOpsPolicy ship)
    {
        var changes = new List<PolicyChange>();
        foreach (var name in PolicyLoader.Sections)
        {
            var fleetValues = Leaves(Values(fleet, name)).ToDictionary(l => l.Path, l => l.Value);
            foreach (var (path, value) in Leaves(Values(ship, name)).Where(l => ship.SourceOf(name, l.Path) == "override"))
            {
                var before = fleetValues.GetValueOrDefault(path);
                if (!JsonNode.DeepEquals(before, value))
                {
                    changes.Add(new PolicyChange(name, path, before?.DeepClone(), value?.DeepClone()));
                }
            }
        }

        return changes;
    }

    private static JsonObject Values(AiOpsPolicy policy, string section) =>
        JsonSerializer.SerializeToNode(policy.Section(section), policy.Section(section).GetType(), AiOpsJson.Options)!.AsObject();

    /// <summary>Scalars and lists by key path (lists are replaced whole by an override, so they are one value).</summary>
    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonObject node, string prefix = "")
    {
        foreach (var (key, value) in node)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child && child.Count > 0)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }
}
