using System.Text;
using System.Text.Json;
using AiOps.Contracts;

namespace AiOps.Core.Insight;

/// <summary>
/// Reads a model's answer defensively: code fences and text around the JSON are ignored, wrong types are
/// tolerated where the meaning is clear, extra fields are dropped, and citations that were not in the
/// context are removed. An answer without a usable narrative gives null, and the caller falls back.
/// </summary>
public static class InsightParser
{
    public static InsightDraft? Parse(string? answer, IReadOnlySet<string> knownRefs, IReadOnlySet<string> knownRunbooks, int maxNarrativeChars) =>
        Parse(answer, knownRefs, knownRunbooks, maxNarrativeChars, out _);

    /// <summary>As <see cref="Parse(string?, IReadOnlySet{string}, IReadOnlySet{string}, int)"/>, also naming the citations it dropped.</summary>
    public static InsightDraft? Parse(string? answer, IReadOnlySet<string> knownRefs, IReadOnlySet<string> knownRunbooks, int maxNarrativeChars, out IReadOnlyList<string> dropped)
    {
        dropped = [];
        if (string.IsNullOrWhiteSpace(answer) || FirstObject(answer) is not { } json)
        {
            return null;
        }

        using (json)
        {
            var root = json.RootElement;
            var narrative = root.TryGetProperty("narrative", out var n) && n.ValueKind == JsonValueKind.String ? Clean(n.GetString()!, maxNarrativeChars) : "";
            if (narrative.Length == 0)
            {
                return null;
            }

            var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!.Trim().ToLowerInvariant() switch { "high" => Confidence.High, "medium" => Confidence.Medium, _ => Confidence.Low }
                : Confidence.Low;
            var refs = Strings(root, "evidence_refs", "ref").Distinct().ToList();
            var runbooks = Strings(root, "runbooks", "id").Distinct().ToList();
            dropped = refs.Where(r => !knownRefs.Contains(r)).Concat(runbooks.Where(r => !knownRunbooks.Contains(r))).Where(r => r.Length > 0).ToList();
            return new InsightDraft(narrative, confidence, refs.Where(knownRefs.Contains).ToList(), runbooks.Where(knownRunbooks.Contains).ToList());
        }
    }

    /// <summary>The first complete JSON object in the text, or null.</summary>
    private static JsonDocument? FirstObject(string answer)
    {
        var bytes = Encoding.UTF8.GetBytes(answer);
        for (var start = Array.IndexOf(bytes, (byte)'{'); start >= 0; start = Array.IndexOf(bytes, (byte)'{', start + 1))
        {
            try
            {
                var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document;
                }

                document.Dispose();
            }
            catch (JsonException)
            {
                // not an object starting here; try the next brace
            }
        }

        return null;
    }

    /// <summary>Strings of an array field; a single string, or objects carrying <paramref name="key"/>, are accepted too.</summary>
    private static IEnumerable<string> Strings(JsonElement root, string field, string key)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            yield break;
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return item.GetString()!.Trim();
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(key, out var id) && id.ValueKind == JsonValueKind.String)
            {
                yield return id.GetString()!.Trim();
            }
        }
    }

    private static string Clean(string text, int max)
    {
        var cleaned = new string(text.Where(ch => ch == '\n' || !char.IsControl(ch)).ToArray()).Trim();
        return cleaned.Length <= max ? cleaned : cleaned[..(max - 1)] + "…";
    }
}
