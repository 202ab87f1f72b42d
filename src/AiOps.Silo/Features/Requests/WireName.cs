using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Silo.Features.Requests;

/// <summary>The name a request member has on the wire: its <c>[FromQuery]</c> or JSON name (snake_case, CONTRACTS.md).</summary>
public static class WireName
{
    public static string Of(PropertyInfo property) =>
        property.GetCustomAttribute<FromQueryAttribute>()?.Name
        ?? property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? Snake(property.Name);

    public static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>
    /// The message of a member's problem: a body's fields read <c>field 'name' must …</c>, query parameters
    /// <c>name: must …</c>, as the rest of the API words them.
    /// </summary>
    public static string Message(ValidationContext context, string problem)
    {
        var member = context.MemberName ?? context.DisplayName;
        var property = context.ObjectType.GetProperty(member);
        var name = property is null ? Snake(member) : Of(property);
        return context.ObjectInstance is IRequestBody ? $"field '{name}' {problem}" : $"{name}: {problem}";
    }
}
