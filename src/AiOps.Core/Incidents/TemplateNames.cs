using System.Globalization;
using AiOps.Contracts.Messages;
using AiOps.Core.Logs;

namespace AiOps.Core.Incidents;

/// <summary>
/// How an incident names the log templates its members came from: an evidence item of a templated line says
/// <c>template=ID "masked text"</c> (the line masked by the miner's own rules, shortened), and the incident's
/// summary lists the distinct templates of its evidence with their counts. The evidence item is the only place
/// the text travels with the incident, so this type both writes and reads that form.
/// </summary>
public static class TemplateNames
{
    /// <summary>Characters of masked text kept in a name; longer text ends in an ellipsis.</summary>
    public const int MaxChars = 60;

    /// <summary>How many templates a summary names (the most frequent first).</summary>
    public const int MaxNamed = 3;

    private const string Marker = " template=";

    /// <summary>The evidence fragment for a line of template <paramref name="templateId"/>.</summary>
    public static string Fragment(int templateId, string? rawMsg) =>
        string.Create(CultureInfo.InvariantCulture, $"{Marker}{templateId}")
        + (string.IsNullOrWhiteSpace(rawMsg) ? "" : $" \"{Shorten(Mask(rawMsg))}\"");

    /// <summary>The masked text a <see cref="Fragment"/> carries, or null when the summary has none.</summary>
    public static string? Read(string? summary, int templateId)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{Marker}{templateId} \"");
        var start = summary?.IndexOf(head, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        start += head.Length;
        var end = summary!.IndexOf('"', start);
        return end < 0 ? null : summary[start..end];
    }

    /// <summary>
    /// "Log templates: "A" ×3, "B" ×1." for the distinct (service, template) pairs of the evidence, or null when
    /// no evidence item came from a template.
    /// </summary>
    public static string? Sentence(IEnumerable<Evidence> evidence)
    {
        var named = evidence
            .Where(e => e.TemplateId is not null)
            .GroupBy(e => (e.Service, Id: e.TemplateId!.Value))
            .Select(g => (Text: g.Select(e => Read(e.Summary, g.Key.Id)).FirstOrDefault(t => t is not null), Count: g.Count()))
            .Where(t => t.Text is not null)
            .OrderByDescending(t => t.Count)
            .ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var listed = string.Join(", ", named.Take(MaxNamed).Select(t => string.Create(CultureInfo.InvariantCulture, $"\"{t.Text}\" ×{t.Count}")));
        var more = named.Count > MaxNamed ? string.Create(CultureInfo.InvariantCulture, $" and {named.Count - MaxNamed} more") : "";
        return $"Log template{(named.Count == 1 ? "" : "s")}: {listed}{more}.";
    }

    /// <summary>The line as the miner sees it: variables replaced by <c>&lt;*&gt;</c>, whitespace single.</summary>
    public static string Mask(string rawMsg)
    {
        var tokens = new List<string>();
        LogMasker.Tokenize(rawMsg, new TokenTable(), tokens, new MaskBuffer());
        return string.Join(' ', tokens).Replace('"', '\'');
    }

    private static string Shorten(string text) => text.Length <= MaxChars ? text : text[..(MaxChars - 1)] + "…";
}
