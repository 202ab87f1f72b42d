using AiOps.Grains.Services;

namespace AiOps.Silo.Features.Policy;

/// <summary><c>GET /api/v3/policy</c>: the policy in force, each section with its source.</summary>
public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/policy", (PolicyRuntime runtime) =>
        {
            var policy = runtime.Current;
            object Section(object values) => new { Source = "default", Values = values };
            return TypedResults.Ok(new
            {
                policy.Master.SchemaVersion,
                policy.Master.Profile,
                policy.LoadedAt,
                policy.Master.Features,
                Sections = new Dictionary<string, object>
                {
                    ["ingest"] = Section(policy.Ingest),
                    ["detect"] = Section(policy.Detect),
                    ["correlate"] = Section(policy.Correlate),
                    ["slo"] = Section(policy.Slo),
                },
            });
        });
        return routes;
    }
}
