using YamlDotNet.RepresentationModel;

namespace AiOps.Core.Policy;

/// <summary>
/// Deep-merges policy layers: mappings merge key by key, scalars and lists are replaced. Remembers which
/// layer set each leaf, so a value knows its source and an error finds its file and line.
/// </summary>
internal static class PolicyMerge
{
    public static (YamlMappingNode Merged, Dictionary<string, PolicyLayer> Origins) Merge(IEnumerable<PolicyLayer> layers)
    {
        var merged = new YamlMappingNode();
        var origins = new Dictionary<string, PolicyLayer>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            MergeInto(merged, layer.Root, "", layer, origins);
        }

        return (merged, origins);
    }

    /// <summary>The layer that set <paramref name="path"/> or its nearest parent, or null for a built-in default.</summary>
    public static PolicyLayer? OriginOf(IReadOnlyDictionary<string, PolicyLayer> origins, string path)
    {
        for (var probe = path; probe.Length > 0; probe = Parent(probe))
        {
            if (origins.TryGetValue(probe, out var layer))
            {
                return layer;
            }
        }

        return null;
    }

    public static string ToText(YamlMappingNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static void MergeInto(YamlMappingNode target, YamlMappingNode source, string path, PolicyLayer layer, Dictionary<string, PolicyLayer> origins)
    {
        foreach (var (keyNode, value) in source.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var existing = target.Children.TryGetValue(keyNode, out var found) ? found : null;
            if (value is YamlMappingNode map)
            {
                if (existing is not YamlMappingNode into)
                {
                    Forget(origins, childPath);
                    into = new YamlMappingNode();
                    target.Children[new YamlScalarNode(key)] = into;
                }

                MergeInto(into, map, childPath, layer, origins);
                continue;
            }

            Forget(origins, childPath);
            target.Children[new YamlScalarNode(key)] = value;
            origins[childPath] = layer;
        }
    }

    private static void Forget(Dictionary<string, PolicyLayer> origins, string path)
    {
        foreach (var stale in origins.Keys.Where(k => k == path || k.StartsWith(path + ".", StringComparison.Ordinal) || k.StartsWith(path + "[", StringComparison.Ordinal)).ToList())
        {
            origins.Remove(stale);
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }
}
