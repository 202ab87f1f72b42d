using System.Text.Json;
using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.GrafanaPlugin;

/// <summary>
/// The plugin's API types (<c>grafana-plugin/src/api/types.ts</c>) against the host's OpenAPI document: every
/// exported interface is tied to a schema (same name, or <c>@openapi Schema</c>), to a route's query parameters
/// (<c>@openapi query GET /path</c>) or says why it has none (<c>@openapi none: …</c>); its field names are the
/// schema's, both ways; a field the server may send as null allows null; a field a request schema requires is not
/// optional; a string-literal union lists the schema's enum.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed partial class PluginTypesMatchOpenApiTests
{
    private static readonly string TypesPath = RepoPaths.Of("grafana-plugin", "src", "api", "types.ts");

    [Fact]
    public async Task The_plugin_types_match_the_openapi_document_and_a_drift_is_found()
    {
        await using var host = await TestHost.StartAsync();
        var document = await host.GetJsonAsync("/openapi/v1.json");
        var source = await File.ReadAllTextAsync(TypesPath);

        var declarations = TypeScriptDeclarations.Parse(source);
        Assert.True(declarations.Count(d => d.IsInterface) >= 25, $"only {declarations.Count} declarations read from {TypesPath}");
        var problems = Compare(declarations, document);
        Assert.True(problems.Count == 0, $"{TypesPath} does not match /openapi/v1.json:\n" + string.Join("\n", problems));

        // The check itself: each kind of drift is caught.
        foreach (var (from, to, expected) in new[]
                 {
                     ("  incident_id: string;\n  incident_type: string;", "  incidentId: string;\n  incident_type: string;", "Incident.incidentId"),
                     ("  matched_count: number;", "", "Silence lacks matched_count"),
                     ("  owner?: string | null;", "  owner?: string;", "Incident.owner"),
                     ("export interface ExecuteRequest {\n  ship_id: string;", "export interface ExecuteRequest {\n  ship_id?: string;", "ExecuteRequest.ship_id"),
                     ("/** @openapi TraceView */", "", "Trace has no schema"),
                     ("export type Severity = 'low' | 'medium' | 'high' | 'critical';", "export type Severity = 'low' | 'medium' | 'high';", "Severity"),
                     ("  since?: string;\n  page?: number;", "  after?: string;\n  page?: number;", "IncidentFilters.after"),
                 })
        {
            Assert.Contains(from, source);
            var drifted = Compare(TypeScriptDeclarations.Parse(source.Replace(from, to)), document);
            Assert.Contains(drifted, p => p.StartsWith(expected, StringComparison.Ordinal));
        }
    }

    private static List<string> Compare(IReadOnlyList<TsDeclaration> declarations, JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var requestSchemas = RequestSchemaRef().Matches(RequestBodies(document)).Select(m => m.Groups[1].Value).ToHashSet();
        var problems = new List<string>();
        foreach (var declaration in declarations)
        {
            var tag = OpenApiTag().Match(declaration.Doc);
            var target = tag.Success ? tag.Groups["target"].Value.Trim() : declaration.Name;
            if (!declaration.IsInterface)
            {
                if (schemas.TryGetProperty(declaration.Name, out var enumSchema) && enumSchema.TryGetProperty("enum", out var values))
                {
                    var allowed = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Order().ToList();
                    if (!allowed.SequenceEqual(declaration.Literals.Order()))
                    {
                        problems.Add($"{declaration.Name} lists {string.Join(", ", declaration.Literals)}; the schema allows {string.Join(", ", allowed)}");
                    }
                }

                continue;
            }

            if (target.StartsWith("none", StringComparison.Ordinal))
            {
                continue;
            }

            if (QueryTarget().Match(target) is { Success: true } query)
            {
                problems.AddRange(CompareQuery(declaration, document, query.Groups["method"].Value.ToLowerInvariant(), query.Groups["path"].Value));
                continue;
            }

            if (!schemas.TryGetProperty(target, out var schema))
            {
                problems.Add($"{declaration.Name} has no schema '{target}' in the document; name one with @openapi, or say why none with '@openapi none: …'");
                continue;
            }

            problems.AddRange(CompareSchema(declaration, target, schema, requestSchemas.Contains(target)));
        }

        return problems;
    }

    private static IEnumerable<string> CompareSchema(TsDeclaration declaration, string name, JsonElement schema, bool isRequest)
    {
        var properties = schema.GetProperty("properties");
        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];
        foreach (var property in declaration.Properties)
        {
            if (!properties.TryGetProperty(property.Name, out var field))
            {
                if (!property.Doc.Contains("@extension", StringComparison.Ordinal))
                {
                    yield return $"{declaration.Name}.{property.Name} is not a field of {name}";
                }

                continue;
            }

            if (!isRequest && IsNullable(field) && !property.AllowsNull)
            {
                yield return $"{declaration.Name}.{property.Name} is '{property.Type}', but {name}.{property.Name} can be null";
            }

            if (isRequest && required.Contains(property.Name) && property.Optional)
            {
                yield return $"{declaration.Name}.{property.Name} is optional, but {name} requires it";
            }
        }

        foreach (var field in properties.EnumerateObject().Where(f => declaration.Properties.All(p => p.Name != f.Name)))
        {
            yield return $"{declaration.Name} lacks {field.Name} of {name}";
        }
    }

    private static IEnumerable<string> CompareQuery(TsDeclaration declaration, JsonElement document, string method, string path)
    {
        var parameters = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        foreach (var property in declaration.Properties.Where(p => !parameters.Contains(p.Name)))
        {
            yield return $"{declaration.Name}.{property.Name} is not a query parameter of {method.ToUpperInvariant()} {path}";
        }

        foreach (var parameter in parameters.Where(p => declaration.Properties.All(d => d.Name != p)))
        {
            yield return $"{declaration.Name} lacks the query parameter {parameter} of {method.ToUpperInvariant()} {path}";
        }
    }

    /// <summary>Whether a field's schema allows JSON null: <c>type: [null, …]</c>, a null branch of oneOf/anyOf, or null in its enum.</summary>
    private static bool IsNullable(JsonElement schema) =>
        (schema.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => t.GetString() == "null")
            : type.GetString() == "null"))
        || (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null))
        || new[] { "oneOf", "anyOf" }.Any(key => schema.TryGetProperty(key, out var branches) && branches.EnumerateArray().Any(IsNullable));

    private static string RequestBodies(JsonElement document) =>
        string.Join("\n", document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("requestBody", out _))
            .Select(operation => operation.Value.GetProperty("requestBody").GetRawText()));

    [GeneratedRegex(@"@openapi\s+(?<target>[^\n*]+)")]
    private static partial Regex OpenApiTag();

    [GeneratedRegex(@"^query\s+(?<method>[A-Z]+)\s+(?<path>\S+)$")]
    private static partial Regex QueryTarget();

    [GeneratedRegex("\"#/components/schemas/(\\w+)\"")]
    private static partial Regex RequestSchemaRef();
}
