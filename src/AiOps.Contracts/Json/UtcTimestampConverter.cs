using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps.Contracts.Json;

/// <summary>Writes timestamps as ISO-8601 UTC with milliseconds and a 'Z' (CONTRACTS.md).</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // "2026-12-07T15:25:43.123Z"
    private const int TextLength = 24;

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
        Span<byte> text = stackalloc byte[TextLength];
        writer.WriteStringValue(FormatUtf8(value, text));
    }

    public static string Render(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[TextLength];
        return System.Text.Encoding.ASCII.GetString(FormatUtf8(value, text));
    }

    /// <summary>
    /// <see cref="Format"/>'s text, digit by digit: the custom format string was parsed again on every call, about 2%
    /// of the host's CPU in an alert storm, where every alert's trace writes its timestamps. Milliseconds are
    /// truncated, as "fff" does.
    /// </summary>
    private static ReadOnlySpan<byte> FormatUtf8(DateTimeOffset value, Span<byte> text)
    {
        var utc = value.UtcDateTime;
        var (year, month, day) = utc;
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), utc.Millisecond);
        text[23] = (byte)'Z';
        return text[..TextLength];
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Parses ISO-8601; a timestamp without an offset is taken as UTC.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
