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

    /// <summary>The key path of the innermost node that contains <paramref name="mark"/>.</summary>
    public string PathAt(Mark mark)
    {
        var path = new StringBuilder();
        var node = root;
        while (node is not null)
        {
            YamlNode? next = null;
            if (node is YamlMappingNode map)
            {
                foreach (var (key, value) in map.Children)
                {
                    if (Contains(key, mark) || Contains(value, mark))
                    {
                        path.Append(path.Length == 0 ? "" : ".").Append(((YamlScalarNode)key).Value);
                        next = Contains(key, mark) ? null : value;
                        break;
                    }
                }
            }
            else if (node is YamlSequenceNode list)
            {
                for (var i = 0; i < list.Children.Count && next is null; i++)
                {
                    if (Contains(list.Children[i], mark))
                    {
                        path.Append('[').Append(i).Append(']');
                        next = list.Children[i];
                    }
                }
            }

            node = next;
        }

        return path.ToString();
    }

    private static bool Contains(YamlNode node, Mark mark) =>
        Compare(node.Start, mark) <= 0 && Compare(mark, node.End) < 0;

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
