using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiOps.Silo.Hosting;

/// <summary>
/// The schema generator takes a property's nullability from its setter, so a computed (get-only) one such as
/// <c>ActionExecution.target</c> comes out as "may be null"; here it may be null only when its getter says so.
/// </summary>
internal static class ComputedPropertySchemas
{
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { Set: null, IsGetNullable: false } && schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        {
            schema.Type = type & ~JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }
}
