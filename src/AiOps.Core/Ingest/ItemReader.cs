using System.Text.Json;
using AiOps.Contracts.Json;

namespace AiOps.Core.Ingest;

/// <summary>
/// Reads one ingest item field by field, strictly: every error names the field. A hand-rolled reader keeps
/// the hot path free of reflection and exception-driven parsing for good items.
/// </summary>
internal ref struct ItemReader
{
    private Utf8JsonReader _reader;

    public ItemReader(ReadOnlySpan<byte> json)
    {
        _reader = new Utf8JsonReader(json);
        try
        {
            if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidItemException("the item must be a JSON object");
            }
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>Moves to the next field's value; false at the end of the object.</summary>
    public bool NextField()
    {
        try
        {
            if (!_reader.Read())
            {
                throw new InvalidItemException("the object is not closed");
            }

            if (_reader.TokenType == JsonTokenType.EndObject)
            {
                if (_reader.Read())
                {
                    throw new InvalidItemException("text follows the object on the same line");
                }

                return false;
            }

            return true;
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    public readonly bool Is(ReadOnlySpan<byte> name) => _reader.ValueTextEquals(name);

    public readonly string FieldName => _reader.GetString() ?? "";

    /// <summary>Rejects the current field: the V3 contracts forbid fields they do not define.</summary>
    public readonly InvalidItemException Unknown() => new($"unknown field '{Printable(FieldName)}'");

    public string? String(string field)
    {
        MoveToValue();
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => Decode(field),
            _ => throw new InvalidItemException($"field '{field}' must be a string"),
        };
    }

    public double? Number(string field)
    {
        MoveToValue();
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number when _reader.TryGetDouble(out var value) && double.IsFinite(value) => value,
            _ => throw new InvalidItemException($"field '{field}' must be a finite number"),
        };
    }

    public DateTimeOffset? Timestamp(string field)
    {
        var text = String(field);
        if (text is null)
        {
            return null;
        }

        return UtcTimestampConverter.TryParse(text, out var value)
            ? value
            : throw new InvalidItemException($"field '{field}' must be an ISO-8601 timestamp, not '{Printable(text)}'");
    }

    /// <summary>A free-form object kept as raw JSON text (for <c>meta</c>).</summary>
    public string? RawObject(string field)
    {
        MoveToValue();
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidItemException($"field '{field}' must be an object");
        }

        try
        {
            using var document = JsonDocument.ParseValue(ref _reader);
            return document.RootElement.GetRawText();
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    public Dictionary<string, string>? StringMap(string field, int maxEntries)
    {
        MoveToValue();
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidItemException($"field '{field}' must be an object of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Advance() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Decode(field);
            Advance();
            if (_reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidItemException($"field '{field}.{Printable(key)}' must be a string");
            }

            map[key] = Decode(field);
            if (map.Count > maxEntries)
            {
                throw new InvalidItemException($"field '{field}' has more than {maxEntries} entries");
            }
        }

        return map;
    }

    private void MoveToValue() => Advance();

    private bool Advance()
    {
        try
        {
            return _reader.Read();
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    private readonly string Decode(string field)
    {
        try
        {
            return _reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new InvalidItemException($"field '{field}' is not valid UTF-8");
        }
    }

    private static InvalidItemException Malformed(JsonException e) =>
        new($"malformed JSON at byte {e.BytePositionInLine + 1}: the item must be one JSON object");

    /// <summary>Echoes untrusted text into an error without control characters and at a bounded length.</summary>
    internal static string Printable(string text)
    {
        var shown = text.Length > 64 ? text[..64] + "…" : text;
        return string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}
