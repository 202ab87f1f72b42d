using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Core.Policy;

namespace AiOps.Core.Ingest;

/// <summary>
/// Reads one ingest item field by field, strictly: every error names the field. A hand-rolled reader keeps
/// the hot path free of reflection and exception-driven parsing for good items.
/// </summary>
internal ref struct ItemReader
{
    private readonly ReadOnlySpan<byte> _json;
    private Utf8JsonReader _reader;

    public ItemReader(ReadOnlySpan<byte> json)
    {
        _json = json;
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

    /// <summary>Rejects the current field: the V3 contracts forbid fields they do not define.</summary>
    public readonly InvalidItemException Unknown() => IsValidText()
        ? new($"unknown field '{Printable(_reader.GetString() ?? "")}'")
        : new("unknown field whose name is not valid UTF-8");

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

    /// <summary>
    /// A free-form object kept as raw JSON text (for <c>meta</c>), within the policy's size, key and depth
    /// limits and with every name and string valid UTF-8, so that what is accepted can also be stored and sent on.
    /// </summary>
    public string? BoundedObject(string field, IngestLimits limits)
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

        var start = (int)_reader.TokenStartIndex;
        var baseDepth = _reader.CurrentDepth;
        int keys = 0, depth = 1;
        var lastKey = ReadOnlySpan<byte>.Empty; // raw, decoded only for an error message
        while (Advance())
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.EndObject when _reader.CurrentDepth == baseDepth:
                    return Bounded(field, start, keys, depth, limits);
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth = Math.Max(depth, _reader.CurrentDepth - baseDepth + 1);
                    break;
                case JsonTokenType.PropertyName:
                    keys++;
                    lastKey = IsValidText() ? _reader.ValueSpan : throw new InvalidItemException($"field '{field}' has a key that is not valid UTF-8");
                    break;
                case JsonTokenType.String when !IsValidText():
                    throw new InvalidItemException($"field '{field}.{Printable(Encoding.UTF8.GetString(lastKey))}' is not valid UTF-8");
            }
        }

        throw new InvalidItemException($"field '{field}' is not closed");
    }

    private readonly string Bounded(string field, int start, int keys, int depth, IngestLimits limits)
    {
        var raw = _json[start..(int)_reader.BytesConsumed];
        if (raw.Length > limits.MaxMetaBytes)
        {
            throw new InvalidItemException($"field '{field}' is {raw.Length} bytes, over ingest.yaml limits.max_meta_bytes {limits.MaxMetaBytes}");
        }

        if (keys > limits.MaxMetaKeys)
        {
            throw new InvalidItemException($"field '{field}' has {keys} keys, over ingest.yaml limits.max_meta_keys {limits.MaxMetaKeys}");
        }

        if (depth > limits.MaxMetaDepth)
        {
            throw new InvalidItemException($"field '{field}' is nested {depth} deep, over ingest.yaml limits.max_meta_depth {limits.MaxMetaDepth}");
        }

        // Every string was checked above and the rest of JSON's grammar is ASCII, so the text decodes as it is.
        return Encoding.UTF8.GetString(raw);
    }

    public Dictionary<string, string>? StringMap(string field, int maxEntries, IngestLimits limits)
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
            if (Encoding.UTF8.GetByteCount(key) > limits.MaxLabelNameBytes)
            {
                throw new InvalidItemException(
                    $"field '{field}' has a name of {Encoding.UTF8.GetByteCount(key)} bytes, over ingest.yaml limits.max_label_name_bytes {limits.MaxLabelNameBytes}");
            }

            Advance();
            if (_reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidItemException($"field '{field}.{Printable(key)}' must be a string");
            }

            var value = Decode($"{field}.{Printable(key)}");
            if (Encoding.UTF8.GetByteCount(value) > limits.MaxLabelValueBytes)
            {
                throw new InvalidItemException(
                    $"field '{field}.{Printable(key)}' is {Encoding.UTF8.GetByteCount(value)} bytes, over ingest.yaml limits.max_label_value_bytes {limits.MaxLabelValueBytes}");
            }

            map[key] = value;
            if (map.Count > maxEntries)
            {
                throw new InvalidItemException(
                    $"field '{field}' has more than {maxEntries} entries (ingest.yaml metrics.cardinality_limits.max_labels_per_metric)");
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
        // Ship, service, device, level: names that repeat from event to event are not decoded afresh.
        if (_reader.TokenType == JsonTokenType.String && RepeatedStrings.TryGet(in _reader, out var repeated))
        {
            return repeated;
        }

        try
        {
            return _reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new InvalidItemException($"field '{field}' is not valid UTF-8");
        }
    }

    /// <summary>Whether the current name or string decodes: the reader checks JSON's grammar, not UTF-8.</summary>
    private readonly bool IsValidText()
    {
        if (!_reader.ValueIsEscaped && !_reader.HasValueSequence)
        {
            return System.Text.Unicode.Utf8.IsValid(_reader.ValueSpan);
        }

        try
        {
            _ = _reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
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
