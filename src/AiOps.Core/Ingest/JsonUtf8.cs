using System.Text.Json;

namespace AiOps.Core.Ingest;

/// <summary>
/// Finds text in a parsed JSON document that is not valid UTF-8. The JSON reader checks the grammar only, so
/// such text would otherwise surface later as an exception when a name or string is read.
/// </summary>
public static class JsonUtf8
{
    /// <summary>The path of the first name or string that does not decode (e.g. <c>comment</c>, <c>a.b[2]</c>), or null.</summary>
    public static string? FirstInvalid(JsonElement root) => Find(root, "");

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(() => element.GetString()) ? null : Named(path);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = "";
                    if (!Decodes(() => name = property.Name))
                    {
                        return path.Length == 0 ? "(a field name)" : $"{path} (a field name)";
                    }

                    if (Find(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Named(string path) => path.Length == 0 ? "(the body)" : path;

    private static bool Decodes(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
