using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps.Contracts.Json;

/// <summary>Writes timestamps as ISO-8601 UTC with milliseconds and a 'Z' (CONTRACTS.md).</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !TryParse(text, out var value))
        {
            throw new JsonException("expected an ISO-8601 timestamp");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>Writes <see cref="Render"/>'s text without making a string of it (a trace has six timestamps).</summary>
    public static void WriteValue(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<char> text = stackalloc char[Format.Length];
        writer.WriteStringValue(value.UtcDateTime.TryFormat(text, out var written, Format, CultureInfo.InvariantCulture) ? text[..written] : Render(value));
    }

    public static string Render(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses ISO-8601; a timestamp without an offset is taken as UTC.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
