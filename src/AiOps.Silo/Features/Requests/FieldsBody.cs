using System.Text.Json;

namespace AiOps.Silo.Features.Requests;

/// <summary>A small JSON object body with a fixed set of fields: unknown fields are refused by name, strings read by name.</summary>
public sealed class FieldsBody
{
    private readonly Dictionary<string, JsonElement> _fields;

    private FieldsBody(Dictionary<string, JsonElement> fields) => _fields = fields;

    public static async Task<(FieldsBody? Body, string? Error)> ReadAsync(HttpRequest request, string[] allowed, string expected, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonObjectBody.ReadAsync(request, expected, cancellationToken);
        if (document is null)
        {
            return (null, error);
        }

        using (document)
        {
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                {
                    return (null, $"unknown field '{property.Name}'; the body has {string.Join(", ", allowed)}");
                }

                fields[property.Name] = property.Value.Clone();
            }

            return (new FieldsBody(fields), null);
        }
    }

    /// <summary>A string field; <paramref name="required"/> ones must be present and not blank.</summary>
    public (string? Value, string? Error) String(string name, int maxLength, bool required)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, required ? $"field '{name}' is required" : null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, $"field '{name}' must be a string");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            return (null, $"field '{name}' is longer than {maxLength} characters");
        }

        return required && string.IsNullOrWhiteSpace(text) ? (null, $"field '{name}' must not be blank") : (text, null);
    }

    /// <summary>A non-empty array of strings, at most <paramref name="maxItems"/>, without duplicates.</summary>
    public (IReadOnlyList<string>? Value, string? Error) Strings(string name, int maxItems)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            return (null, $"field '{name}' is required");
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return (null, $"field '{name}' must be an array of strings");
        }

        var items = value.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList();
        return items.Count is 0 || items.Count > maxItems
            ? (null, $"field '{name}' must list between 1 and {maxItems} items")
            : (items, null);
    }
}
