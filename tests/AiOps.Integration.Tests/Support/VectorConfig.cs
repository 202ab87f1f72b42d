using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;

namespace AiOps.Integration.Tests.Support;

/// <summary>deploy/vector/vector.toml as Vector reads it (TOML), with the few questions the tests ask of it.</summary>
internal sealed partial class VectorConfig
{
    public static readonly VectorConfig Shipped = new(RepoPaths.Of("deploy", "vector", "vector.toml"));

    public VectorConfig(string path)
    {
        Text = File.ReadAllText(path);
        Root = TomlSerializer.Deserialize<TomlTable>(Text)!;
    }

    public string Text { get; }

    public TomlTable Root { get; }

    public IReadOnlyDictionary<string, TomlTable> Sources => Tables("sources");

    public IReadOnlyDictionary<string, TomlTable> Transforms => Tables("transforms");

    public IReadOnlyDictionary<string, TomlTable> Sinks => Tables("sinks");

    /// <summary>The ports Vector listens on: its sources' addresses and its API's.</summary>
    public IEnumerable<(int Port, string Protocol)> ListeningPorts =>
        Sources.Values.Where(s => s.ContainsKey("address"))
            .Select(s => (PortOf((string)s["address"]), s.TryGetValue("mode", out var mode) ? (string)mode : "tcp"))
            .Append((PortOf((string)((TomlTable)Root["api"])["address"]), "tcp"));

    /// <summary>Environment variables read, and whether each read has a fallback (<c>?? "x"</c> or <c>${X:-x}</c>).</summary>
    public IReadOnlyDictionary<string, bool> EnvironmentRead =>
        EnvironmentVariable().Matches(Text).GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => g.All(m => m.Groups["fallback"].Success));

    /// <summary>The sinks that take a component's events, directly.</summary>
    public IEnumerable<string> SinksOf(string component) =>
        Sinks.Where(s => ((TomlArray)s.Value["inputs"]).Contains(component)).Select(s => s.Key);

    /// <summary>A remap transform's program.</summary>
    public string RemapSource(string transform) => (string)Transforms[transform]["source"];

    private IReadOnlyDictionary<string, TomlTable> Tables(string kind) =>
        ((TomlTable)Root[kind]).ToDictionary(e => e.Key, e => (TomlTable)e.Value);

    private static int PortOf(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..]);

    [GeneratedRegex(@"get_env_var\(""(?<name>[A-Z_]+)""\)(?<fallback>\s*\?\?)?|\$\{(?<name>[A-Z_]+)(?<fallback>:-[^}]*)?\}")]
    private static partial Regex EnvironmentVariable();
}
