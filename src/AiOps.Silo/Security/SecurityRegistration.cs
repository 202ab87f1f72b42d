using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace AiOps.Silo.Security;

/// <summary>API keys and roles, per-key rate limits, and the loopback-only rule when no key is configured.</summary>
public static class SecurityRegistration
{
    public const string IngestRateLimit = "ingest";
    public const string WriteRateLimit = "writes";

    public static WebApplicationBuilder AddAiOpsSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiKeyOptions.Section).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        var directory = new ApiKeyDirectory(options);
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton(options);

        var restrictedUrls = (string?)null;
        if (directory.IsEmpty)
        {
            // Without keys nobody can be told apart, so nobody off this machine is served.
            var (urls, changed) = LoopbackUrls.Restrict(builder.Configuration["urls"] ?? "http://127.0.0.1:8080");
            if (changed)
            {
                builder.WebHost.UseUrls(urls);
                restrictedUrls = urls;
            }
        }

        builder.Services.AddHostedService(sp => new SecurityStartupReport(
            directory, restrictedUrls, sp.GetRequiredService<ILogger<SecurityStartupReport>>()));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var (policy, roles) in Roles.RolesByPolicy)
            {
                authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }

            // An endpoint that forgot to name its policy is still closed to strangers.
            authorization.FallbackPolicy = authorization.GetPolicy(Roles.ReadPolicy);
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = WriteRejectionAsync;
            limiter.AddPolicy(IngestRateLimit, http => PerCaller(http, options.RateLimits.IngestRequestsPerSecond, TimeSpan.FromSeconds(1)));
            limiter.AddPolicy(WriteRateLimit, http => PerCaller(http, options.RateLimits.WritesPerMinute, TimeSpan.FromMinutes(1)));
        });
        return builder;
    }

    public static WebApplication UseAiOpsSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A token bucket per key (per address for a caller without one): a burst of one period's worth.</summary>
    private static RateLimitPartition<string> PerCaller(HttpContext http, int permits, TimeSpan period) =>
        RateLimitPartition.GetTokenBucketLimiter(
            http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = permits,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellation)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Rate limit reached",
                Detail = $"This key has used its allowance; retry after {seconds} s.",
            },
        });
    }
}
