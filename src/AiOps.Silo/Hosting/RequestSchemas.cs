using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AiOps.Silo.Features.Requests;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Shows the request records' own rules in the OpenAPI document: a body's required fields, the words a
/// <see cref="OneOfAttribute"/> allows, a text's length and a list's size; the framework already shows
/// <c>[Range]</c> (<see cref="BetweenAttribute"/>).
/// </summary>
internal static class RequestSchemas
{
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is { } member)
        {
            Describe(schema, member.GetCustomAttributes(inherit: true));
        }
        else if (context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: var parameter })
        {
            Describe(schema, parameter.GetCustomAttributes(inherit: true));
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && typeof(IRequestBody).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(IsRequired))
            {
                (schema.Required ??= new HashSet<string>()).Add(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(WireValidationAttribute), inherit: true)
            .Cast<WireValidationAttribute>().Any(a => a.Required) == true;

    private static void Describe(OpenApiSchema schema, object[] attributes)
    {
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case OneOfAttribute { CommaSeparated: false } oneOf:
                    schema.Enum = [.. oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                    if (schema.Type?.HasFlag(JsonSchemaType.Null) == true)
                    {
                        schema.Enum.Add(null!);
                    }

                    break;
                case OneOfAttribute oneOf:
                    schema.Description = $"Comma-separated, any of: {string.Join(", ", oneOf.Values)}.";
                    break;
                case IsoTimestampAttribute:
                    schema.Format = "date-time";
                    break;
                case TextAttribute text:
                    schema.MaxLength = text.MaxLength;
                    break;
                case ItemsAttribute items:
                    schema.MinItems = 1;
                    schema.MaxItems = items.MaxItems;
                    break;
            }
        }
    }
}
