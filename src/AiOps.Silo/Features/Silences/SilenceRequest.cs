using System.Text.Json;
using AiOps.Contracts.Messages;
using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Silences;

/// <summary>
/// The body of <c>POST /api/v3/silences</c>: <c>{matchers: [{name, value, is_regex?, is_equal?}], starts_at?, ends_at, comment?}</c>.
/// <c>created_by</c> is never taken from the body: it is the caller's key.
/// </summary>
public sealed record SilenceRequest(IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset? StartsAt, DateTimeOffset EndsAt, string? Comment)
{
    public const int MaxCommentLength = 2000;
    private const int MaxValueLength = 1000;

    public static async Task<(SilenceRequest? Request, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonObjectBody.ReadAsync(request,
            "{\"matchers\": [{\"name\": \"ship_id\", \"value\": \"...\", \"is_regex\": false, \"is_equal\": true}], \"ends_at\": \"...\"}", cancellationToken);
        if (document is null)
        {
            return (null, error);
        }

        using (document)
        {
            List<SilenceMatcher>? matchers = null;
            DateTimeOffset? startsAt = null, endsAt = null;
            string? comment = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "matchers":
                        (matchers, error) = ReadMatchers(property.Value);
                        break;
                    case "starts_at":
                        (startsAt, error) = Timestamp(property);
                        break;
                    case "ends_at":
                        (endsAt, error) = Timestamp(property);
                        break;
                    case "comment":
                        (comment, error) = JsonObjectBody.OptionalString(property, MaxCommentLength);
                        break;
                    case "created_by":
                        error = "field 'created_by' is not accepted: a silence is created by the holder of the key that sends it";
                        break;
                    default:
                        error = $"unknown field '{property.Name}'; a silence has matchers, starts_at, ends_at and comment";
                        break;
                }

                if (error is not null)
                {
                    return (null, error);
                }
            }

            if (matchers is null)
            {
                return (null, "field 'matchers' is required");
            }

            return endsAt is null ? (null, "field 'ends_at' is required") : (new SilenceRequest(matchers, startsAt, endsAt.Value, comment), null);
        }
    }

    private static (DateTimeOffset?, string?) Timestamp(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String && Contracts.Json.UtcTimestampConverter.TryParse(property.Value.GetString()!, out var value)
            ? (value, null)
            : (null, $"field '{property.Name}' must be an ISO-8601 timestamp");

    private static (List<SilenceMatcher>?, string?) ReadMatchers(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return (null, "field 'matchers' must be an array of {name, value, is_regex, is_equal}");
        }

        var matchers = new List<SilenceMatcher>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var (matcher, error) = ReadMatcher(item, $"matchers[{i++}]");
            if (matcher is null)
            {
                return (null, error);
            }

            matchers.Add(matcher);
        }

        return (matchers, null);
    }

    private static (SilenceMatcher?, string?) ReadMatcher(JsonElement item, string at)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, $"field '{at}' must be an object {{name, value, is_regex, is_equal}}");
        }

        string? name = null, value = null;
        bool isRegex = false, isEqual = true;
        foreach (var property in item.EnumerateObject())
        {
            var kind = property.Value.ValueKind;
            switch (property.Name)
            {
                case "name" when kind == JsonValueKind.String:
                    name = property.Value.GetString();
                    break;
                case "value" when kind == JsonValueKind.String && property.Value.GetString()!.Length <= MaxValueLength:
                    value = property.Value.GetString();
                    break;
                case "value" when kind == JsonValueKind.String:
                    return (null, $"field '{at}.value' is longer than {MaxValueLength} characters");
                case "is_regex" when kind is JsonValueKind.True or JsonValueKind.False:
                    isRegex = property.Value.GetBoolean();
                    break;
                case "is_equal" when kind is JsonValueKind.True or JsonValueKind.False:
                    isEqual = property.Value.GetBoolean();
                    break;
                case "name" or "value":
                    return (null, $"field '{at}.{property.Name}' must be a string");
                case "is_regex" or "is_equal":
                    return (null, $"field '{at}.{property.Name}' must be true or false");
                default:
                    return (null, $"unknown field '{at}.{property.Name}'; a matcher has name, value, is_regex and is_equal");
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            return (null, $"field '{at}.name' is required");
        }

        return value is null ? (null, $"field '{at}.value' is required") : (new SilenceMatcher(name, value, isRegex, isEqual), null);
    }
}
