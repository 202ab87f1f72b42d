using System.Net;
using System.Text.Json;
using AiOps.Integration.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Api;

/// <summary><c>/openapi/v1.json</c> describes every mapped route; 400s name their field in <c>errors{}</c> too.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Every_mapped_route_appears_in_the_document_with_its_method()
    {
        await using var host = await TestHost.StartAsync();
        var document = await host.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {Normal(path.Name)}"))
            .ToHashSet();

        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: Normal(e.RoutePattern.RawText ?? ""), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            // The Orleans Dashboard is a UI with its own routes, not part of the API; the document does not list itself.
            .Where(e => !e.Path.StartsWith("/dashboard", StringComparison.Ordinal) && !e.Path.StartsWith("/openapi", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Path}"))
            .ToList();

        Assert.True(mapped.Count >= 20, $"only {mapped.Count} routes found: {string.Join(", ", mapped)}");
        Assert.All(mapped, route => Assert.Contains(route, documented));
        Assert.Contains("POST /api/v2/alerts", mapped);
        Assert.Contains("POST /v1/logs", mapped);
        Assert.Contains("POST /v1/metrics", mapped);
        // The dashboard is served (the default), yet none of its routes is documented as API.
        Assert.Contains(host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText?.StartsWith("/dashboard", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(documented, route => route.Contains(" /dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bodies_and_answers_have_schemas_with_the_wire_names()
    {
        await using var host = await TestHost.StartAsync();
        var paths = (await host.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        var alerts = paths.GetProperty("/api/v2/alerts").GetProperty("post");
        Assert.True(alerts.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var patch = paths.GetProperty("/api/v3/incidents/{id}").GetProperty("patch");
        Assert.True(patch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var logs = paths.GetProperty("/api/v3/ingest/logs").GetProperty("post");
        Assert.True(logs.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-ndjson", out _));
        Assert.True(logs.GetProperty("responses").TryGetProperty("202", out _));
        var otlp = paths.GetProperty("/v1/logs").GetProperty("post");
        Assert.True(otlp.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-protobuf", out _));
        Assert.True(otlp.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        var text = (await host.GetJsonAsync("/openapi/v1.json")).GetRawText();
        Assert.Contains("\"incident_id\"", text);
        Assert.Contains("\"generatorURL\"", text);
    }

    [Fact]
    public async Task Each_write_route_names_its_request_schema_with_its_fields_and_required_ones()
    {
        await using var host = await TestHost.StartAsync();
        var document = await host.GetJsonAsync("/openapi/v1.json");

        foreach (var (method, path, schemaName, bodyRequired, fields, required) in new[]
                 {
                     ("patch", "/api/v3/incidents/{id}", "StatusPatch", true, "status,comment,owner", ""),
                     ("post", "/api/v3/incidents/{id}/comments", "CommentBody", true, "text", "text"),
                     ("post", "/api/v3/incidents/{id}/reopen", "ReopenBody", false, "comment", ""),
                     ("post", "/api/v3/incidents/{id}/link", "RelatedIncidentBody", true, "incident_id,comment", "incident_id"),
                     ("post", "/api/v3/incidents/{id}/merge", "RelatedIncidentBody", true, "incident_id,comment", "incident_id"),
                     ("post", "/api/v3/incidents/{id}/split", "SplitBody", true, "tracking_ids,comment", "tracking_ids"),
                     ("post", "/api/v3/actions/{action}/execute", "ExecuteBody", true, "ship_id,service,incident_id,reason,dry_run,suggested_by_insight", "ship_id,service"),
                     ("post", "/api/v3/approvals/{id}/approve", "ApprovalBody", false, "comment", ""),
                     ("post", "/api/v3/approvals/{id}/reject", "RejectionBody", false, "reason", ""),
                     ("post", "/api/v3/silences", "SilenceRequest", true, "matchers,starts_at,ends_at,comment", "matchers,ends_at"),
                 })
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            var body = operation.GetProperty("requestBody");
            Assert.Equal($"#/components/schemas/{schemaName}",
                body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.True(bodyRequired == (body.TryGetProperty("required", out var isRequired) && isRequired.GetBoolean()), $"{method} {path}: body required");
            var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(schemaName);
            Assert.Equal(fields.Split(','), schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            Assert.Equal(required.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(),
                (schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!) : []).Order());
            Assert.Equal("#/components/schemas/HttpValidationProblemDetails", operation.GetProperty("responses").GetProperty("400")
                .GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }
    }

    [Theory]
    [InlineData("/api/v3/stats?time_range=5x", "time_range")]
    [InlineData("/api/v3/incidents?severity=urgent", "severity")]
    [InlineData("/api/v3/incidents?colour=red", "colour")]
    [InlineData("/api/v3/audit?limit=0", "limit")]
    [InlineData("/api/v3/incidents?page=two", "page")]
    public async Task A_bad_query_names_its_field_in_errors_as_well_as_in_detail(string path, string field)
    {
        await using var host = await TestHost.StartAsync();

        using var response = await host.Http.GetAsync(path);
        var problem = await TestHost.GetJsonFromAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.Equal(JsonValueKind.Array, messages.ValueKind);
    }

    private static string Normal(string path) => "/" + path.Trim('/');
}
