using System.Text.Json;

namespace AiOps.Core.Ingest;

/// <summary>
/// Cuts a request body into its items: a JSON array, or NDJSON (one object per line, as Vector's http sink
/// sends). Each item is parsed on its own later, so one bad item never costs the others.
/// </summary>
public static class BodySplitter
{
    /// <summary>The items' byte ranges, or a problem when the body as a whole cannot be read.</summary>
    public static (List<ReadOnlyMemory<byte>> Items, string? Problem) Split(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var start = 0;
        if (span.StartsWith("\uFEFF"u8))
        {
            start = 3;
        }

        while (start < span.Length && IsWhiteSpace(span[start]))
        {
            start++;
        }

        if (start == span.Length)
        {
            return ([], "the body is empty: send a JSON array or NDJSON lines of events");
        }

        return span[start] switch
        {
            (byte)'[' => SplitArray(body[start..]),
            (byte)'{' => (SplitLines(body[start..]), null),
            _ => ([], "the body must be a JSON array of events or NDJSON (one JSON object per line)"),
        };
    }

    private static (List<ReadOnlyMemory<byte>>, string?) SplitArray(ReadOnlyMemory<byte> body)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemStart = (int)reader.TokenStartIndex;
                reader.Skip();
                items.Add(body[itemStart..(int)reader.BytesConsumed]);
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                return ([], "the JSON array is not closed, or text follows it");
            }
        }
        catch (JsonException e)
        {
            return ([], $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); nothing was accepted");
        }

        return (items, items.Count == 0 ? "the array holds no events" : null);
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> body)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var rest = body;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (!IsBlank(line.Span))
            {
                items.Add(line);
            }
        }

        return items;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!IsWhiteSpace(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
