using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps.Contracts.Json;

/// <summary>
/// Carries a free-form JSON object (e.g. <c>meta</c>) as its raw text, so that grains and streams move it as a
/// plain string and the API writes it back as the object the sender gave.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value, skipInputValidation: false);
}
