using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AiOps.Contracts.Json;
using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Requests;

/// <summary>
/// Reads an <see cref="IJsonBody{TSelf}"/>: one JSON object of valid UTF-8 whose fields are all the record's,
/// each of the JSON type the record gives it. Anything else is a <see cref="RequestFieldException"/> naming the
/// field; the values themselves are then checked by validation.
/// </summary>
public static class JsonBody
{
    /// <summary>The wire conventions (<see cref="AiOpsJson"/>), with their contracts at hand for the checks below.</summary>
    private static readonly JsonSerializerOptions Json = new(AiOpsJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static async ValueTask<T?> ReadAsync<T>(HttpContext context, ParameterInfo parameter) where T : class, IJsonBody<T>
    {
        var type = Json.GetTypeInfo(typeof(T));
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return IsOptional(parameter)
                ? null
                : throw new RequestFieldException("body", $"the body is required: a JSON object with {Fields(type)}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            throw new RequestFieldException("body", $"the body must be a JSON object with {Fields(type)}; it is not valid JSON");
        }

        using var parsed = document;
        var root = document.RootElement;

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestFieldException("body", $"the body must be a JSON object with {Fields(type)}, not {root.ValueKind.ToString().ToLowerInvariant()}");
        }

        if (JsonUtf8.FirstInvalid(root) is { } invalid)
        {
            throw new RequestFieldException(invalid, $"field '{invalid}' is not valid UTF-8");
        }

        if (Unknown(root, type, "") is { } unknown)
        {
            throw new RequestFieldException(unknown.Path, $"unknown field '{FieldRules.Printable(unknown.Path)}'; known: {Fields(unknown.Type)}");
        }

        try
        {
            return T.Completed(root.Deserialize<T>(Json)!, root);
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            throw path.Length == 0
                ? new RequestFieldException("body", $"the body must be a JSON object with {Fields(type)}")
                : new RequestFieldException(path, $"field '{path}' must be {Expected(type, path)}");
        }
    }

    /// <summary>Whether the handler takes the body as nullable, i.e. can do without one.</summary>
    public static bool IsOptional(ParameterInfo parameter) =>
        new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private static string Fields(JsonTypeInfo type) => string.Join(", ", Members(type).Select(p => p.Name));

    /// <summary>The fields a body may have: its properties, less those it computes from the JSON ([JsonIgnore]).</summary>
    private static IEnumerable<JsonPropertyInfo> Members(JsonTypeInfo type) =>
        type.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) != true);

    /// <summary>The first field of <paramref name="json"/> that <paramref name="type"/> does not have, at any depth.</summary>
    private static (string Path, JsonTypeInfo Type)? Unknown(JsonElement json, JsonTypeInfo type, string path)
    {
        if (type.Kind == JsonTypeInfoKind.Enumerable && json.ValueKind == JsonValueKind.Array && type.ElementType is { } elementType)
        {
            var i = 0;
            foreach (var item in json.EnumerateArray())
            {
                if (Unknown(item, type.Options.GetTypeInfo(elementType), $"{path}[{i++}]") is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        if (type.Kind != JsonTypeInfoKind.Object || json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in json.EnumerateObject())
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (Members(type).FirstOrDefault(p => p.Name == property.Name) is not { } known)
            {
                return (at, type);
            }

            if (Unknown(property.Value, type.Options.GetTypeInfo(known.PropertyType), at) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>What JSON the field at <paramref name="path"/> (e.g. <c>matchers[0].is_regex</c>) takes, in words.</summary>
    private static string Expected(JsonTypeInfo root, string path)
    {
        var options = root.Options;
        var type = root.Type;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            type = options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == name)?.PropertyType ?? typeof(object);
            for (var depth = segment.Count(c => c == '['); depth > 0; depth--)
            {
                type = options.GetTypeInfo(type).ElementType ?? typeof(object);
            }
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(DateTimeOffset) ? "an ISO-8601 timestamp"
            : options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable ? "an array"
            : "an object";
    }
}
