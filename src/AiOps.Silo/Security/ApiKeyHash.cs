using System.Security.Cryptography;
using System.Text;

namespace AiOps.Silo.Security;

/// <summary>
/// API keys are 256-bit random strings, so one unsalted SHA-256 is enough to store them safely (as for
/// GitHub's tokens): guessing a key is as hard as guessing its hash. Lookups go by hash, never by key.
/// </summary>
public static class ApiKeyHash
{
    public const string Prefix = "sha256:";

    public static string Of(string key) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key: "aiops_" and 43 characters of URL-safe base64.</summary>
    public static string NewKey() =>
        "aiops_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
