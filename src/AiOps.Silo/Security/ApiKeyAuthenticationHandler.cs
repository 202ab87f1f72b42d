using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiOps.Silo.Security;

/// <summary>
/// Reads the key from <c>Authorization: Bearer</c> (what Vector's http sink, Grafana and Prometheus's
/// <c>authorization</c> send), <c>Authorization: Basic</c> with the key as the password (Prometheus's and
/// vmalert's <c>basic_auth</c>; the user name is not checked), or <c>X-Api-Key</c>, and signs the caller in under the key's name and role. With no keys configured, a
/// loopback caller is the local operator with the admin role, and anyone else is refused.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string LocalOperator = "local";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        return Task.FromResult(Authenticate());
    }

    private AuthenticateResult Authenticate()
    {
        if (keys.IsEmpty)
        {
            return IsLoopback(Context.Connection.RemoteIpAddress)
                ? Success(LocalOperator, Roles.Admin)
                : AuthenticateResult.Fail("No API keys are configured: only loopback callers are served.");
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        return keys.Find(presented) is { } holder
            ? Success(holder.Name, holder.Role)
            : AuthenticateResult.Fail("Unknown API key.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send an API key as 'Authorization: Bearer <key>', as the password of basic auth, or as 'X-Api-Key: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            $"The role '{Context.User.FindFirstValue(ClaimTypes.Role)}' may not use this endpoint.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static AuthenticateResult Success(string name, string role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(authorization["Basic ".Length..].Trim());
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    /// <summary>The password of <c>user:password</c> in base64; a value that is not that presents an empty key (refused).</summary>
    private static string BasicPassword(string encoded)
    {
        try
        {
            var pair = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = pair.IndexOf(':');
            return colon < 0 ? "" : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
