using System.Text.Json;

namespace AiOps.Silo.Features.Requests;

/// <summary>Reads a request body that must be one JSON object with valid UTF-8 text; the error says what was expected.</summary>
public static class JsonObjectBody
{
    public static async Task<(JsonDocument? Document, string? Error)> ReadAsync(HttpRequest request, string expected, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, $"the body must be a JSON object {expected}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, "the body must be a JSON object");
        }

        if (Core.Ingest.JsonUtf8.FirstInvalid(document.RootElement) is { } invalid)
        {
            document.Dispose();
            return (null, $"field '{invalid}' is not valid UTF-8");
        }

        return (document, null);
    }

    /// <summary>A string field, or null when it is JSON null; the error names the field when it is neither.</summary>
    public static (string? Value, string? Error) OptionalString(JsonProperty property, int maxLength) =>
        property.Value.ValueKind switch
        {
            JsonValueKind.Null => (null, null),
            JsonValueKind.String when property.Value.GetString()!.Length > maxLength => (null, $"field '{property.Name}' is longer than {maxLength} characters"),
            JsonValueKind.String => (property.Value.GetString(), null),
            _ => (null, $"field '{property.Name}' must be a string"),
        };
}
