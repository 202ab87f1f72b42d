using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AiOps.Core.Policy;

/// <summary>
/// Loads <c>policy.yaml</c> and its nine segments into typed models, applies the selected profile and each
/// ship's overrides, and validates every result. Unknown keys, wrong types and out-of-range values throw a
/// <see cref="PolicyException"/> naming the file, the key and the line where the value was written.
/// </summary>
public static class PolicyLoader
{
    public const string MasterFile = "policy.yaml";

    public static readonly string[] Sections = ["ingest", "detect", "correlate", "notify", "remediate", "llm", "retention", "privacy", "slo"];

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static PolicyBundle Load(string directory)
    {
        var files = new PolicyFiles(directory);
        var master = files.Typed<MasterPolicy>(MasterFile, m => m.Validate());
        for (var i = 0; i < master.Includes.Count; i++)
        {
            if (!Sections.Contains(Path.GetFileNameWithoutExtension(master.Includes[i])) || !master.Includes[i].EndsWith(".yaml", StringComparison.Ordinal))
            {
                throw files.Error(MasterFile, $"includes[{i}]", $"\"{master.Includes[i]}\" is not a segment ({string.Join(", ", Sections.Select(s => s + ".yaml"))})");
            }
        }

        foreach (var missing in Sections.Where(s => !master.Includes.Contains(s + ".yaml")))
        {
            throw files.Error(MasterFile, "includes", $"must include {missing}.yaml");
        }

        var masterRoot = files.Root(MasterFile);
        var profile = Child(Child(masterRoot, "profiles"), master.Profile);
        var loadedAt = DateTimeOffset.UtcNow;
        var fleet = Build(files, master, loadedAt, shipId: null, Layers(profile, $"profiles.{master.Profile}", PolicyLayer.Fleet));
        var ships = new Dictionary<string, AiOpsPolicy>(StringComparer.Ordinal);
        foreach (var ship in master.ShipOverrides.Keys)
        {
            var overrides = Child(Child(masterRoot, "ship_overrides"), ship);
            var layers = Layers(profile, $"profiles.{master.Profile}", PolicyLayer.Fleet)
                .Concat(Layers(overrides, $"ship_overrides.{ship}", PolicyLayer.Override))
                .ToList();
            ships[ship] = Build(files, master, loadedAt, ship, layers);
        }

        return new PolicyBundle(fleet, ships);
    }

    private static AiOpsPolicy Build(PolicyFiles files, MasterPolicy master, DateTimeOffset loadedAt, string? shipId, List<(string Section, PolicyLayer Layer)> overlays)
    {
        var origins = new Dictionary<string, IReadOnlyDictionary<string, PolicyLayer>>();
        T Section<T>(string section, Func<T, IEnumerable<PolicyIssue>> validate) where T : class
        {
            var file = section + ".yaml";
            var layers = new List<PolicyLayer> { new(PolicyLayer.Fleet, file, "", files.Root(file)) };
            layers.AddRange(overlays.Where(o => o.Section == section).Select(o => o.Layer));
            var (model, sectionOrigins) = files.Merged(file, layers, validate);
            origins[section] = sectionOrigins;
            return model;
        }

        var features = new Dictionary<string, bool>(master.Features);
        foreach (var (_, layer) in overlays.Where(o => o.Section == "features"))
        {
            foreach (var (key, value) in layer.Root.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                features[name] = bool.TryParse((value as YamlScalarNode)?.Value, out var on)
                    ? on
                    : throw files.Error(layer.File, $"{layer.Prefix}.{name}", "must be true or false");
            }
        }

        return new AiOpsPolicy
        {
            Directory = files.Directory,
            Profile = master.Profile,
            ShipId = shipId,
            LoadedAt = loadedAt,
            Features = features,
            Ingest = Section<IngestPolicy>("ingest", p => p.Validate()),
            Detect = Section<DetectPolicy>("detect", p => p.Validate()),
            Correlate = Section<CorrelatePolicy>("correlate", p => p.Validate()),
            Notify = Section<NotifyPolicy>("notify", p => p.Validate()),
            Remediate = Section<RemediatePolicy>("remediate", p => p.Validate()),
            Llm = Section<LlmPolicy>("llm", p => p.Validate()),
            Retention = Section<RetentionPolicy>("retention", p => p.Validate()),
            Privacy = Section<PrivacyPolicy>("privacy", p => p.Validate()),
            Slo = Section<SloPolicy>("slo", p => p.Validate()),
            Origins = origins,
        };
    }

    /// <summary>The sections of an overlay (a profile or a ship's overrides) as layers.</summary>
    private static List<(string Section, PolicyLayer Layer)> Layers(YamlMappingNode? overlay, string prefix, string source) =>
        overlay is null ? [] : overlay.Children
            .Where(c => c.Value is YamlMappingNode)
            .Select(c => (((YamlScalarNode)c.Key).Value!, new PolicyLayer(source, MasterFile, $"{prefix}.{((YamlScalarNode)c.Key).Value}", (YamlMappingNode)c.Value)))
            .ToList();

    private static YamlMappingNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    /// <summary>The files of one policy folder, each parsed once, with the locators that turn key paths into lines.</summary>
    private sealed class PolicyFiles(string directory)
    {
        private readonly Dictionary<string, (string Text, YamlLocator Locator, YamlMappingNode Root)> _files = new(StringComparer.Ordinal);

        public string Directory { get; } = Path.GetFullPath(directory);

        public YamlMappingNode Root(string file) => Read(file).Root;

        public T Typed<T>(string file, Func<T, IEnumerable<PolicyIssue>> validate) where T : class
        {
            var (text, locator, _) = Read(file);
            T? model;
            try
            {
                model = Deserializer.Deserialize<T>(text);
            }
            catch (YamlException e)
            {
                throw new PolicyException(file, locator.PathAt(e.Start), (int)e.Start.Line, Describe(e));
            }

            if (model is null)
            {
                throw new PolicyException(file, "", null, "the file is empty");
            }

            var issue = validate(model).Cast<PolicyIssue?>().FirstOrDefault();
            return issue is { } found ? throw Error(file, found.KeyPath, found.Message) : model;
        }

        /// <summary>Merges the layers and deserializes the result; errors are located in the layer that wrote the value.</summary>
        public (T Model, IReadOnlyDictionary<string, PolicyLayer> Origins) Merged<T>(string file, List<PolicyLayer> layers, Func<T, IEnumerable<PolicyIssue>> validate)
            where T : class
        {
            if (layers.Count == 1)
            {
                var single = Typed(file, validate);
                return (single, PolicyMerge.Merge(layers).Origins);
            }

            var (merged, origins) = PolicyMerge.Merge(layers);
            var text = PolicyMerge.ToText(merged);
            T model;
            try
            {
                model = Deserializer.Deserialize<T>(text) ?? throw new PolicyException(file, "", null, "the file is empty");
            }
            catch (YamlException e)
            {
                var path = YamlLocator.Parse(text).PathAt(e.Start);
                throw Located(file, origins, path, Describe(e));
            }

            var issue = validate(model).Cast<PolicyIssue?>().FirstOrDefault();
            return issue is { } found ? throw Located(file, origins, found.KeyPath, found.Message) : (model, origins);
        }

        public PolicyException Error(string file, string keyPath, string problem) =>
            new(file, keyPath, Read(file).Locator.LineOf(keyPath), problem);

        private PolicyException Located(string file, IReadOnlyDictionary<string, PolicyLayer> origins, string path, string problem)
        {
            var layer = PolicyMerge.OriginOf(origins, path);
            return layer is null || layer.Prefix.Length == 0
                ? Error(layer?.File ?? file, path, problem)
                : Error(layer.File, $"{layer.Prefix}.{path}", problem);
        }

        private (string Text, YamlLocator Locator, YamlMappingNode Root) Read(string file)
        {
            if (_files.TryGetValue(file, out var known))
            {
                return known;
            }

            var path = Path.Combine(Directory, file);
            if (!File.Exists(path))
            {
                throw new PolicyException(file, "", null, $"file not found in {Directory}");
            }

            var text = File.ReadAllText(path);
            YamlLocator locator;
            try
            {
                locator = YamlLocator.Parse(text);
            }
            catch (YamlException e)
            {
                throw new PolicyException(file, "", (int)e.Start.Line, $"not valid YAML: {e.Message}");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map ? map : new YamlMappingNode();
            _files[file] = (text, locator, root);
            return _files[file];
        }

        private static string Describe(YamlException e)
        {
            if (e.Message.StartsWith("Property '", StringComparison.Ordinal) && e.Message.Contains("not found", StringComparison.Ordinal))
            {
                return "unknown key";
            }

            var inner = e.InnerException;
            while (inner?.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return inner is FormatException or OverflowException ? $"wrong type: {inner.Message}" : inner?.Message ?? e.Message;
        }
    }
}
