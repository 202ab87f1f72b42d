using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AiOps.Core.Insight;

/// <summary>Loads the markdown runbooks; each starts with a front matter block (id, title, risk, incident_types).</summary>
public static class RunbookLibrary
{
    private static readonly IDeserializer FrontMatter = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static IReadOnlyList<Runbook> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal).Select(Parse).ToList();
    }

    public static Runbook Parse(string path)
    {
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var end = text.StartsWith("---\n", StringComparison.Ordinal) ? text.IndexOf("\n---", 4, StringComparison.Ordinal) : -1;
        if (end < 0)
        {
            throw new FormatException($"{Path.GetFileName(path)}: a runbook starts with a front matter block (--- id, title, risk, incident_types ---)");
        }

        var meta = FrontMatter.Deserialize<Meta>(text[4..end]);
        if (meta is null || !meta.Id.StartsWith("rb-", StringComparison.Ordinal) || meta.Title.Length == 0 || meta.Risk is not ("low" or "medium" or "high"))
        {
            throw new FormatException($"{Path.GetFileName(path)}: front matter needs id (rb-...), title and risk (low|medium|high)");
        }

        return new Runbook(meta.Id, meta.Title, meta.Risk, meta.IncidentTypes, text[(end + 4)..].Trim());
    }

    private sealed class Meta
    {
        public string Id { get; set; } = "";
        public string Title { get; set; } = "";
        public string Risk { get; set; } = "";
        public List<string> IncidentTypes { get; set; } = [];
    }
}
