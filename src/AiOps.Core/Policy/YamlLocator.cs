using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AiOps.Core.Policy;

/// <summary>Maps between key paths (<c>a.b[2].c</c>) and lines of a YAML document, for error messages.</summary>
internal sealed class YamlLocator(YamlNode? root)
{
    public static YamlLocator Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new YamlLocator(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode);
    }

    /// <summary>The 1-based line of the key at <paramref name="path"/>, or of its nearest existing parent.</summary>
    public int? LineOf(string path)
    {
        var node = root;
        int? line = null;
        foreach (var segment in Segments(path))
        {
            switch (node)
            {
                case YamlMappingNode map when segment.Key is { } key:
                    var entry = map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key);
                    if (entry.Key is null)
                    {
                        return line ?? (int)map.Start.Line;
                    }

                    line = (int)entry.Key.Start.Line;
                    node = entry.Value;
                    break;
                case YamlSequenceNode list when segment.Index is { } index && index < list.Children.Count:
                    node = list.Children[index];
                    line = (int)node.Start.Line;
                    break;
                default:
                    return line;
            }
        }

        return line;
    }

    /// <summary>
    /// The key path at <paramref name="mark"/>: in each mapping or list, the last entry that starts at or before
    /// it (block mappings carry no end mark, so containment cannot be tested).
    /// </summary>
    public string PathAt(Mark mark)
    {
        var path = new StringBuilder();
        var node = root;
        while (node is not null)
        {
            YamlNode? next = null;
            if (node is YamlMappingNode map)
            {
                var entry = map.Children.LastOrDefault(c => Compare(c.Key.Start, mark) <= 0);
                if (entry.Key is YamlScalarNode key)
                {
                    path.Append(path.Length == 0 ? "" : ".").Append(key.Value);
                    next = Compare(mark, key.End) < 0 ? null : entry.Value;
                }
            }
            else if (node is YamlSequenceNode list)
            {
                var index = list.Children.ToList().FindLastIndex(c => Compare(c.Start, mark) <= 0);
                if (index >= 0)
                {
                    path.Append('[').Append(index).Append(']');
                    next = list.Children[index];
                }
            }

            node = next;
        }

        return path.ToString();
    }

    private static int Compare(Mark a, Mark b) =>
        a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);

    private static IEnumerable<(string? Key, int? Index)> Segments(string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return (bracket < 0 ? part : part[..bracket], null);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                yield return (null, int.Parse(part.AsSpan(bracket + 1, close - bracket - 1), System.Globalization.CultureInfo.InvariantCulture));
                bracket = part.IndexOf('[', close);
            }
        }
    }
}
