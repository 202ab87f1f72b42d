using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml turned into what runs it on one loopback interface: each service's environment and
/// command as the file gives them, with <c>${VAR}</c> filled from a test's .env and every <c>service:port</c>
/// the composition names replaced by the loopback address its stand-in process listens on.
/// </summary>
internal sealed partial class FleetComposition(Dictionary<string, string> dotEnv)
{
    private readonly ComposeFile _compose = new(RepoPaths.Of("docker-compose.yml"));
    private readonly Dictionary<string, string> _addresses = [];

    /// <summary>Says where <paramref name="service"/>'s <paramref name="port"/> is on loopback.</summary>
    public void Place(string service, int port, string loopbackAddress)
    {
        Assert.True(_compose.Services.ContainsKey(service), $"docker-compose.yml has no service {service}");
        _addresses[$"{service}:{port}"] = loopbackAddress;
    }

    /// <summary>The service's environment as compose gives it, interpolated and remapped.</summary>
    public Dictionary<string, string> Environment(string service) =>
        ComposeFile.Merged((YamlMappingNode)_compose.Services[service]["environment"])
            .ToDictionary(e => e.Key, e => Remap(((YamlScalarNode)e.Value).Value ?? ""));

    /// <summary>The service's command as compose gives it, remapped; <paramref name="paths"/> maps container paths to real ones.</summary>
    public List<string> Command(string service, IReadOnlyDictionary<string, string> paths) =>
        ComposeFile.Scalars(_compose.Services[service]["command"])
            .Select(argument => paths.Aggregate(Remap(argument), (text, path) => text.Replace(path.Key, path.Value, StringComparison.Ordinal)))
            .ToList();

    /// <summary>Where the service mounts a file of the repository (<c>./deploy/...:/etc/...</c>): container path to repository path.</summary>
    public IEnumerable<(string Container, string Repository)> Mounts(string service) =>
        ComposeFile.Scalars(_compose.Services[service]["volumes"]).Select(v => v.Split(':'))
            .Where(v => v[0].StartsWith("./", StringComparison.Ordinal)).Select(v => (v[1], RepoPaths.Of(v[0][2..])));

    /// <summary>Fills <c>${VAR}</c>, <c>${VAR:-default}</c> and <c>${VAR:?error}</c> from the .env, then remaps addresses.</summary>
    public string Remap(string text)
    {
        var interpolated = Variable().Replace(text, m => dotEnv.TryGetValue(m.Groups["name"].Value, out var value) ? value
            : m.Groups["op"].Value == "-" ? m.Groups["rest"].Value
            : throw new InvalidOperationException($"{m.Value}: the test's .env does not set {m.Groups["name"].Value}"));
        return _addresses.Aggregate(interpolated, (current, address) => Regex.Replace(current, $@"\b{Regex.Escape(address.Key)}\b", address.Value));
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(?::(?<op>[-?])(?<rest>[^}]*))?\}")]
    private static partial Regex Variable();
}
