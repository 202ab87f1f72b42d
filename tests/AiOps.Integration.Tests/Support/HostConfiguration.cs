using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// The configuration keys the AiOps host really reads, found in its own code rather than listed by hand: the
/// options classes bound to a section (a <c>const string Section</c>, walked property by property), the keys
/// the code reads by name (<c>configuration["Nats:Url"]</c>, <c>GetConnectionString("redis")</c>,
/// <c>GetSection("Orleans:ClusterMembership")</c>), and ASP.NET Core's own (<c>Urls</c>, <c>Logging</c>).
/// Deployment files (compose, Kubernetes, systemd) are checked against it, so a misspelt variable fails a test.
/// </summary>
internal static partial class HostConfiguration
{
    private static readonly Lazy<(HashSet<string> Exact, List<string> Prefixes, Dictionary<string, Type> Sections)> Known = new(Discover);

    /// <summary>Whether the host reads <paramref name="key"/>, given as a configuration key or an environment variable name.</summary>
    public static bool Reads(string key)
    {
        var path = key.Replace("__", ":", StringComparison.Ordinal);
        if (path.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || path.StartsWith("DOTNET_", StringComparison.Ordinal))
        {
            return true; // the host's own environment prefixes (ASPNETCORE_URLS, DOTNET_gcServer, ...)
        }

        var (exact, prefixes, sections) = Known.Value;
        if (exact.Contains(path) || prefixes.Any(p => path.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var segments = path.Split(':');
        return sections.TryGetValue(segments[0], out var type) && Walks(type, segments.AsSpan(1));
    }

    /// <summary>Whether <paramref name="segments"/> name a settable member below <paramref name="type"/>.</summary>
    private static bool Walks(Type type, ReadOnlySpan<string> segments)
    {
        if (segments.IsEmpty)
        {
            return true;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return Walks(type.GetGenericArguments()[1], segments[1..]);
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            return int.TryParse(segments[0], out _) && Walks(type.GetGenericArguments()[0], segments[1..]);
        }

        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && Walks(property.PropertyType, segments[1..]);
    }

    private static (HashSet<string>, List<string>, Dictionary<string, Type>) Discover()
    {
        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Urls", "Environment", "ContentRoot" };
        var prefixes = new List<string> { "Logging", "Kestrel" };
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            exact.UnionWith(IndexedKey().Matches(code).Select(m => m.Groups["key"].Value));
            exact.UnionWith(ConnectionString().Matches(code).Select(m => $"ConnectionStrings:{m.Groups["name"].Value}"));
            prefixes.AddRange(Section().Matches(code).Select(m => m.Groups["key"].Value).Where(k => k.Contains(':', StringComparison.Ordinal)));
        }

        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in new[] { typeof(AiOps.Silo.Hosting.AiOpsOptions).Assembly, typeof(AiOps.Infrastructure.Notifications.NotificationSettings).Assembly }
            .SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string name)
            {
                sections[name] = type;
            }
        }

        return (exact, prefixes, sections);
    }

    [GeneratedRegex(@"(?:onfiguration|config)\[""(?<key>[A-Za-z]+(?::[A-Za-z]+)+)""\]|GetValue(?:<[^>]+>)?\(""(?<key>[A-Za-z]+(?::[A-Za-z]+)+)""")]
    private static partial Regex IndexedKey();

    [GeneratedRegex(@"GetConnectionString\(""(?<name>\w+)""\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"GetSection\(""(?<key>[A-Za-z:]+)""\)")]
    private static partial Regex Section();
}
