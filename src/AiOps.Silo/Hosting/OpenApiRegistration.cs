using Microsoft.OpenApi;

namespace AiOps.Silo.Hosting;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the OpenAPI 3 document of every route, generated from the endpoints themselves
/// (Microsoft.AspNetCore.OpenApi) with the wire's snake_case JSON names. Health and <c>/metrics</c> are not
/// minimal-API handlers, so they are described here by hand; the Orleans Dashboard is a UI, not an API.
/// </summary>
public static class OpenApiRegistration
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddAiOpsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "AiOps",
                    Version = "v1",
                    Description = "Ingest (NDJSON, Alertmanager API v2, OTLP/HTTP logs and metrics), incidents, stats, traces, policy, actions and audit. "
                        + "Send an API key as 'Authorization: Bearer <key>', as the basic-auth password, or as 'X-Api-Key'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["api_key"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer" };
                document.Paths.Add("/health", Plain("Liveness: {\"status\":\"healthy\"} while the process lives.", "application/json"));
                document.Paths.Add("/health/ready", Plain("Readiness: 200 when ready, 503 when not; each dependency's state with the read role.", "application/json"));
                document.Paths.Add("/metrics", Plain("Prometheus exposition of the Fast Path, Insight Path, HTTP and runtime metrics (read role).", "text/plain"));
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(RequestSchemas.DescribeAsync);
            options.AddSchemaTransformer(ComputedPropertySchemas.DescribeAsync);
            // Every route but the health probes needs a key (the fallback policy); say so, and what a refusal looks like.
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().FirstOrDefault() is { } body)
                {
                    var content = new Dictionary<string, OpenApiMediaType>();
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                    foreach (var type in body.ContentTypes)
                    {
                        content[type] = new OpenApiMediaType { Schema = Named(body.Type, schema, context.Document) };
                    }

                    operation.RequestBody = new OpenApiRequestBody { Required = body.Required, Content = content };
                }

                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
                {
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown one (ProblemDetails)" });
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role may not use this route (ProblemDetails)" });
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("api_key", context.Document)] = [] }];
                }
            });
        });

    /// <summary>A typed request record's schema as a named component (as the answers' are), others as they are.</summary>
    private static IOpenApiSchema Named(Type type, OpenApiSchema schema, OpenApiDocument? document)
    {
        if (document is null || !typeof(Features.Requests.IRequestBody).IsAssignableFrom(type))
        {
            return schema;
        }

        document.AddComponent(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }

    private static OpenApiPathItem Plain(string description, string contentType) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Summary = description,
                Tags = new HashSet<OpenApiTagReference> { new("Operations") },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() },
                    },
                },
            },
        },
    };
}
