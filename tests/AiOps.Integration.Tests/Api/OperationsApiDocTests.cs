using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Api;

/// <summary>
/// <c>docs/operations-api.md</c> is prose and a role table, not a copy of the contract: it sends readers to
/// <c>/openapi/v1.json</c> for schemas, lists every route the host maps (and no other) with the roles that may call
/// it, and spells out no request or response shape.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed partial class OperationsApiDocTests
{
    private static readonly string DocPath = RepoPaths.Of("docs", "operations-api.md");

    [Fact]
    public async Task The_role_table_lists_every_route_with_the_roles_its_endpoint_admits()
    {
        await using var host = await TestHost.StartAsync();
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && !path.StartsWith("/dashboard", StringComparison.Ordinal) && !path.StartsWith("/openapi", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Route: $"{method} /{e.RoutePattern.RawText!.Trim('/')}", Roles: RolesOf(e))))
            .ToDictionary(r => r.Route, r => r.Roles);
        var documented = Rows(await File.ReadAllTextAsync(DocPath)).ToDictionary(r => r.Route, r => r.Roles);

        Assert.True(mapped.Count >= 30, $"only {mapped.Count} routes mapped");
        Assert.Empty(mapped.Keys.Except(documented.Keys).Select(r => $"{r} is mapped but not in {DocPath}"));
        Assert.Empty(documented.Keys.Except(mapped.Keys).Select(r => $"{r} is in {DocPath} but not mapped"));
        Assert.All(mapped, route => Assert.True(Admits(documented[route.Key], route.Value),
            $"{route.Key}: the table says '{documented[route.Key]}', the endpoint admits {string.Join(", ", route.Value)}"));
    }

    [Fact]
    public async Task The_doc_points_to_the_openapi_document_and_copies_no_schema()
    {
        var text = await File.ReadAllTextAsync(DocPath);

        Assert.Contains("/openapi/v1.json", text);
        // A shape such as {status?, comment?} or {data:[...], total} is the document's to say, not this page's.
        Assert.Empty(Shape().Matches(text).Select(m => m.Value));
    }

    /// <summary>The roles an endpoint admits (all of its policies together), or "anyone" for an anonymous one.</summary>
    private static IReadOnlyList<string> RolesOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return ["anyone"];
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().DefaultIfEmpty(Roles.ReadPolicy);
        return policies.Select(p => (IEnumerable<string>)Roles.RolesByPolicy[p]).Aggregate((a, b) => a.Intersect(b)).Order().ToList();
    }

    /// <summary>Whether a table cell names exactly the roles (or "anyone", first, for an anonymous route).</summary>
    private static bool Admits(string cell, IReadOnlyList<string> roles) =>
        roles is ["anyone"]
            ? cell.StartsWith("anyone", StringComparison.Ordinal)
            : Word().Matches(cell).Select(w => w.Value).Where(Roles.All.Contains).Distinct().Order().SequenceEqual(roles);

    private static IEnumerable<(string Route, string Roles)> Rows(string markdown) =>
        Row().Matches(markdown).Select(m => (m.Groups["route"].Value, m.Groups["roles"].Value));

    [GeneratedRegex(@"^\| `(?<route>(?:GET|POST|PATCH|PUT|DELETE) /[^`]*)` \| (?<roles>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{[^}\n]*[,:\[][^}\n]*\}")]
    private static partial Regex Shape();
}
