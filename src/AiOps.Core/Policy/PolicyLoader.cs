using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AiOps.Core.Policy;

/// <summary>
/// Loads <c>policy.yaml</c> and the segments it includes into typed models. Unknown keys, wrong types and
/// out-of-range values throw a <see cref="PolicyException"/> naming the file, the key and the line.
/// </summary>
public static class PolicyLoader
{
    public const string MasterFile = "policy.yaml";

    private static readonly string[] RequiredSegments = ["ingest.yaml", "detect.yaml", "correlate.yaml", "slo.yaml"];

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static AiOpsPolicy Load(string directory)
    {
        var master = LoadFile<MasterPolicy>(directory, MasterFile, m => m.Validate());
        foreach (var (include, index) in master.Includes.Select((f, i) => (f, i)))
        {
            if (!RequiredSegments.Contains(include))
            {
                throw Located(directory, MasterFile, $"includes[{index}]",
                    $"\"{include}\" is not a segment this version knows ({string.Join(", ", RequiredSegments)})");
            }
        }

        foreach (var required in RequiredSegments.Where(r => !master.Includes.Contains(r)))
        {
            throw Located(directory, MasterFile, "includes", $"must include {required}");
        }

        return new AiOpsPolicy(
            Path.GetFullPath(directory),
            master,
            LoadFile<IngestPolicy>(directory, "ingest.yaml", p => p.Validate()),
            LoadFile<DetectPolicy>(directory, "detect.yaml", p => p.Validate()),
            LoadFile<CorrelatePolicy>(directory, "correlate.yaml", p => p.Validate()),
            LoadFile<SloPolicy>(directory, "slo.yaml", p => p.Validate()),
            DateTimeOffset.UtcNow);
    }

    private static T LoadFile<T>(string directory, string file, Func<T, IEnumerable<PolicyIssue>> validate)
        where T : class
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new PolicyException(file, "", null, $"file not found in {Path.GetFullPath(directory)}");
        }

        var text = File.ReadAllText(path);
        YamlLocator locator;
        T? model;
        try
        {
            locator = YamlLocator.Parse(text);
        }
        catch (YamlException e)
        {
            throw new PolicyException(file, "", (int)e.Start.Line, $"not valid YAML: {e.Message}");
        }

        try
        {
            model = Deserializer.Deserialize<T>(text);
        }
        catch (YamlException e)
        {
            var keyPath = locator.PathAt(e.Start);
            throw new PolicyException(file, keyPath, (int)e.Start.Line, Describe(e));
        }

        if (model is null)
        {
            throw new PolicyException(file, "", null, "the file is empty");
        }

        var issue = validate(model).Cast<PolicyIssue?>().FirstOrDefault();
        if (issue is { } found)
        {
            throw new PolicyException(file, found.KeyPath, locator.LineOf(found.KeyPath), found.Message);
        }

        return model;
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

        return inner is FormatException or OverflowException
            ? $"wrong type: {inner.Message}"
            : inner?.Message ?? e.Message;
    }

    private static PolicyException Located(string directory, string file, string keyPath, string problem)
    {
        var locator = YamlLocator.Parse(File.ReadAllText(Path.Combine(directory, file)));
        return new PolicyException(file, keyPath, locator.LineOf(keyPath), problem);
    }
}
