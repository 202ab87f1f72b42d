using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Features.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace AiOps.Integration.Tests.Api;

/// <summary>
/// Typed request records: a body or query that does not read, or reads but breaks a rule, is a 400 ProblemDetails
/// whose <c>errors</c> are keyed by the wire name and whose <c>detail</c> names it, whatever the Content-Type.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class RequestValidationTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Theory]
    [InlineData("PATCH", "/api/v3/incidents/INC-x", """{"status":""", "application/json", "body")]
    [InlineData("PATCH", "/api/v3/incidents/INC-x", """{"status":3}""", "text/plain", "status")]
    [InlineData("PATCH", "/api/v3/incidents/INC-x", """{"owner":"emma","colour":"red"}""", "application/json", "colour")]
    [InlineData("PATCH", "/api/v3/incidents/INC-x", "", "application/json", "body")]
    [InlineData("POST", "/api/v3/incidents/INC-x/comments", """{"text":""}""", "application/json", "text")]
    [InlineData("POST", "/api/v3/incidents/INC-x/reopen", """{"comment":["a"]}""", "application/json", "comment")]
    [InlineData("POST", "/api/v3/incidents/INC-x/link", """{}""", "application/json", "incident_id")]
    [InlineData("POST", "/api/v3/incidents/INC-x/split", """{"tracking_ids":"req-1"}""", "application/json", "tracking_ids")]
    [InlineData("POST", "/api/v3/actions/restart_service/execute", """{"ship_id":"a","service":"pms","dry_run":1}""", "application/json", "dry_run")]
    [InlineData("POST", "/api/v3/actions/restart_service/execute", """{"ship_id":"a b!","service":"pms"}""", "", "ship_id")]
    [InlineData("POST", "/api/v3/approvals/exec-x/approve", "[]", "application/json", "body")]
    [InlineData("POST", "/api/v3/approvals/exec-x/reject", """{"reason":null,"comment":"no"}""", "application/json", "comment")]
    [InlineData("POST", "/api/v3/silences", """{"matchers":[{"name":"service","value":"a","is_regex":1}],"ends_at":"2030-01-01T00:00:00Z"}""", "application/json", "matchers[0].is_regex")]
    [InlineData("POST", "/api/v3/silences", """{"matchers":[{"name":"service","value":"a"}],"ends_at":"2030-01-01T00:00:00Z","comment":5}""", "application/json", "comment")]
    public async Task A_bad_body_is_400_naming_the_field_in_errors_and_detail(string method, string path, string body, string contentType, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType.Length > 0)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Host.Http.SendAsync(request);

        await AssertNamesAsync(response, field);
    }

    [Theory]
    [InlineData("/api/v3/incidents?page=abc", "page")]
    [InlineData("/api/v3/incidents?per_page=1.5", "per_page")]
    [InlineData("/api/v3/incidents?status=closed", "status")]
    [InlineData("/api/v3/audit?limit=many", "limit")]
    [InlineData("/api/v3/audit?until=soon", "until")]
    [InlineData("/api/v3/audit?since=2026-01-01T00:00:00Z&until=2025-01-01T00:00:00Z", "since")]
    [InlineData("/api/v3/stats?time_range=0h", "time_range")]
    public async Task A_bad_query_is_400_naming_the_parameter_even_when_it_does_not_bind(string path, string field)
    {
        using var response = await Host.Http.GetAsync(path);

        await AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task Several_bad_parameters_are_all_named()
    {
        using var response = await Host.Http.GetAsync("/api/v3/incidents?severity=urgent&per_page=0&since=yesterday");
        var problem = await TestHost.GetJsonFromAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["per_page", "severity", "since"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.All(["per_page", "severity", "since"], field => Assert.Contains(field, problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public void Every_typed_request_record_of_a_route_is_known_to_validation()
    {
        var validation = Host.Services.GetRequiredService<IOptions<ValidationOptions>>().Value;
        var records = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<MethodInfo>().SelectMany(m => m.GetParameters()))
            .Where(p => typeof(IRequestBody).IsAssignableFrom(p.ParameterType) || p.GetCustomAttribute<AsParametersAttribute>() is not null)
            .Select(p => p.ParameterType)
            .Distinct()
            .ToList();

        Assert.True(records.Count >= 11, $"only {records.Count} request records found: {string.Join(", ", records.Select(r => r.Name))}");
#pragma warning disable ASP0029 // the resolver lookup is marked experimental; it is what the validation filter itself calls
        Assert.All(records, record => Assert.True(validation.TryGetValidatableTypeInfo(record, out _), $"{record.Name} is not validated"));
#pragma warning restore ASP0029
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), text);
        Assert.Equal(JsonValueKind.Array, messages.ValueKind);
        Assert.NotEmpty(messages.EnumerateArray());
    }
}
