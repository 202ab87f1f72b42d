using System.Text.Json.Serialization;

namespace AiOps.Silo.Features.Alerts;

/// <summary>
/// One alert of Alertmanager's API v2 body, as its senders name the fields (camelCase, not our snake_case): the
/// request schema <c>/openapi/v1.json</c> shows for <c>POST /api/v2/alerts</c>. The body is read by
/// <see cref="Core.Alerts.AlertmanagerAlertParser"/>, which names the field of any error.
/// </summary>
public sealed record PostableAlert(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl);
