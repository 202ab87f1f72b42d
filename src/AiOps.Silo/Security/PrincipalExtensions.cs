using System.Security.Claims;

namespace AiOps.Silo.Security;

public static class PrincipalExtensions
{
    /// <summary>The name an audit entry or timeline records: the key's holder.</summary>
    public static string ActorName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static string? RoleName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
}
