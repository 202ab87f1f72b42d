using YamlDotNet.RepresentationModel;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>docker-compose.yml read as YAML, with "&lt;&lt;" merge keys applied as compose applies them.</summary>
internal sealed class ComposeFile
{
    public ComposeFile(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Services = ((YamlMappingNode)root["services"]).Children.ToDictionary(
            c => ((YamlScalarNode)c.Key).Value!, c => Merged((YamlMappingNode)c.Value));
    }

    public IReadOnlyDictionary<string, Dictionary<string, YamlNode>> Services { get; }

    public static Dictionary<string, YamlNode> Merged(YamlMappingNode node)
    {
        var merged = new Dictionary<string, YamlNode>();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var baseNode))
        {
            foreach (var (key, value) in Merged((YamlMappingNode)baseNode))
            {
                merged[key] = value;
            }
        }

        foreach (var (key, value) in node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => Merged(mapping).Values.SelectMany(Scalars),
        _ => [],
    };
}
