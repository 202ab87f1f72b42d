using System.Text;
using System.Text.Json;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;

namespace AiOps.Core.Alerts;

/// <summary>
/// The fields Alertmanager defines in one alert, read in one forward pass of a <see cref="Utf8JsonReader"/> over
/// the request's bytes (an alert storm brings thousands a second; no document is built). Each field is kept as
/// its value or as the error reading it raised, and that error is thrown when the field is asked for: the alert
/// is read whole first, so invalid JSON anywhere in it is reported before any field, and the parser asks for the
/// fields in its own order, wherever the sender put them.
/// </summary>
/// <remarks>
/// A field given twice takes its last value, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
/// did when alerts were parsed into a document: an error in an earlier copy does not count. Text that does not
/// decode (bytes that are not UTF-8, an escaped lone surrogate) is that field's error, like any other: the alert
/// is rejected alone, naming the field, and the rest of its request is kept.
/// </remarks>
internal struct AlertmanagerAlertFields
{
    private const int MaxDepth = 8;

    private Field<Dictionary<string, string>?> _labels;
    private Field<Dictionary<string, string>?> _annotations;
    private Field<DateTimeOffset?> _startsAt;
    private Field<DateTimeOffset?> _endsAt;
    private Field<string?> _generatorUrl;

    /// <summary>Null when missing or null.</summary>
    public readonly Dictionary<string, string>? Labels => _labels.Value;

    /// <summary>Null when missing or null.</summary>
    public readonly Dictionary<string, string>? Annotations => _annotations.Value;

    /// <summary>Null when missing, null or Go's zero time.</summary>
    public readonly DateTimeOffset? StartsAt => _startsAt.Value;

    /// <summary>Null when missing, null or Go's zero time.</summary>
    public readonly DateTimeOffset? EndsAt => _endsAt.Value;

    /// <summary>Null when missing or not a string.</summary>
    public readonly string? GeneratorUrl => _generatorUrl.Value;

    public static AlertmanagerAlertFields Read(ReadOnlySpan<byte> json, IngestDefaults defaults)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var fields = new AlertmanagerAlertFields();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip(); // an array must still be valid JSON: that error comes first
                throw new InvalidItemException("an alert must be a JSON object with 'labels'");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                fields.ReadField(ref reader, defaults);
            }
        }
        catch (JsonException e)
        {
            throw new InvalidItemException($"the alert is not valid JSON: {e.Message}");
        }

        return fields;
    }

    /// <summary>Reads the field at the reader's property name, leaving the reader on the value's last token.</summary>
    private void ReadField(ref Utf8JsonReader reader, IngestDefaults defaults)
    {
        if (Is(ref reader, "labels"u8, ref _labels))
        {
            reader.Read();
            _labels = StringMap(ref reader, "labels", defaults, labels: true);
        }
        else if (Is(ref reader, "annotations"u8, ref _annotations))
        {
            reader.Read();
            _annotations = StringMap(ref reader, "annotations", defaults, labels: false);
        }
        else if (Is(ref reader, "startsAt"u8, ref _startsAt))
        {
            reader.Read();
            _startsAt = Time(ref reader, "startsAt");
        }
        else if (Is(ref reader, "endsAt"u8, ref _endsAt))
        {
            reader.Read();
            _endsAt = Time(ref reader, "endsAt");
        }
        else if (Is(ref reader, "generatorURL"u8, ref _generatorUrl))
        {
            reader.Read();
            _generatorUrl = Url(ref reader);
        }
        else
        {
            reader.Skip(); // a sender's own field, however nested
        }
    }

    /// <summary>Whether the current property name is <paramref name="name"/> (ASCII), escaped or not.</summary>
    /// <remarks>
    /// The document's lookup decoded an escaped name only when its raw text could still spell the field's name,
    /// and threw when it did not decode (a lone surrogate). Such a name keeps that error as the field's, unless
    /// the field follows (the lookup went backwards, so it found the field first).
    /// </remarks>
    private static bool Is<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref Field<T> field)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return raw.SequenceEqual(name);
        }

        var escape = raw.IndexOf((byte)'\\');
        if (raw.Length <= name.Length || escape >= name.Length || !raw[..escape].SequenceEqual(name[..escape]))
        {
            return false;
        }

        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            field = Field<T>.Failed(NotUtf8(Encoding.ASCII.GetString(name)));
            return false;
        }
    }

    /// <summary>Labels or annotations: an object of strings; missing and null are alike.</summary>
    private static Field<Dictionary<string, string>?> StringMap(ref Utf8JsonReader reader, string field, IngestDefaults defaults, bool labels)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Field<Dictionary<string, string>?>.Failed(new InvalidItemException($"field '{field}' must be an object of strings"));
        }

        var depth = reader.CurrentDepth;
        try
        {
            return new(Entries(ref reader, field, defaults, labels));
        }
        catch (Exception e) when (e is InvalidItemException or InvalidOperationException)
        {
            SkipToEndOfObject(ref reader, depth);
            return Field<Dictionary<string, string>?>.Failed(e as InvalidItemException ?? NotUtf8(field));
        }
    }

    private static Dictionary<string, string> Entries(ref Utf8JsonReader reader, string field, IngestDefaults defaults, bool labels)
    {
        var limits = defaults.Limits;
        // Sized for a typical alert (Prometheus sends five to eight labels, one to three annotations): growing a
        // dictionary twice per alert was a tenth of what the alert leg allocated.
        var map = new Dictionary<string, string>(labels ? 8 : 4, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (map.Count >= limits.MaxMetaKeys)
            {
                throw TooManyEntries(ref reader, field, limits);
            }

            var name = Text(ref reader);
            var nameTooLong = Utf8Length(ref reader, name) > limits.MaxLabelNameBytes;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidItemException($"field '{field}.{name}' must be a string");
            }

            if (nameTooLong)
            {
                throw new InvalidItemException($"field '{field}' has a name longer than {limits.MaxLabelNameBytes} bytes (ingest.yaml limits.max_label_name_bytes)");
            }

            var text = Text(ref reader);
            // Label values are identity and must fit; annotations are prose and are cut like a log message.
            // A name given twice keeps its last value, as a Go map in Alertmanager does.
            map[name] = labels
                ? (Utf8Length(ref reader, text) <= limits.MaxLabelValueBytes ? text
                    : throw new InvalidItemException($"field '{field}.{name}' is longer than {limits.MaxLabelValueBytes} bytes (ingest.yaml limits.max_label_value_bytes)"))
                : text.Length == 0 ? text : FieldRules.Message(text, defaults.MaxMsgBytes);
        }

        return map;
    }

    /// <summary>
    /// The error for one entry too many, read from its name: a value that is not a string is still reported as
    /// such first, and the name is decoded only for that message (a name that is not UTF-8 throws only then).
    /// </summary>
    private static InvalidItemException TooManyEntries(ref Utf8JsonReader reader, string field, IngestLimits limits)
    {
        var atName = reader;
        reader.Read();
        return reader.TokenType != JsonTokenType.String
            ? new InvalidItemException($"field '{field}.{atName.GetString()}' must be a string")
            : new InvalidItemException($"field '{field}' has more than {limits.MaxMetaKeys} entries (ingest.yaml limits.max_meta_keys)");
    }

    /// <summary>The current name or string; names and values that repeat from alert to alert are not decoded afresh.</summary>
    private static string Text(ref Utf8JsonReader reader) =>
        RepeatedStrings.TryGet(in reader, out var text) ? text : reader.GetString()!;

    /// <summary>The UTF-8 length of the current name or string: its raw bytes unless escapes must be decoded.</summary>
    private static int Utf8Length(ref Utf8JsonReader reader, string decoded) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetByteCount(decoded) : reader.ValueSpan.Length;

    /// <summary>Reads on to the end of the object that starts at <paramref name="depth"/>, nested values and all.</summary>
    private static void SkipToEndOfObject(ref Utf8JsonReader reader, int depth)
    {
        while (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth)
        {
            reader.Read();
        }
    }

    private static Field<DateTimeOffset?> Time(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return NotATime(field);
        }

        try
        {
            // Go's zero time is how Prometheus and vmalert say "not set".
            return reader.TryGetDateTimeOffset(out var ts) ? new(ts.Year <= 1 ? null : ts.ToUniversalTime()) : NotATime(field);
        }
        catch (InvalidOperationException)
        {
            return Field<DateTimeOffset?>.Failed(NotUtf8(field)); // an escape that does not decode (a lone surrogate)
        }
    }

    private static InvalidItemException NotUtf8(string field) => new($"field '{field}' is not valid UTF-8");

    private static Field<DateTimeOffset?> NotATime(string field) =>
        Field<DateTimeOffset?>.Failed(new InvalidItemException($"field '{field}' must be an RFC 3339 timestamp"));

    /// <summary>The generator's URL when it is a string; any other value is ignored.</summary>
    private static Field<string?> Url(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        try
        {
            return new(reader.GetString());
        }
        catch (InvalidOperationException)
        {
            return Field<string?>.Failed(NotUtf8("generatorURL"));
        }
    }

    /// <summary>A field's value (default: not given), or the error reading it raised, which <see cref="Value"/> throws.</summary>
    private readonly struct Field<T>(T value, Exception? error = null)
    {
        public T Value => error is null ? value : throw error;

        public static Field<T> Failed(Exception error) => new(default!, error);
    }
}
