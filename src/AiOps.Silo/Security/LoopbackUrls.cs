using System.Net;

namespace AiOps.Silo.Security;

/// <summary>Rewrites listen URLs so that each binds to loopback only (used when no API key is configured).</summary>
public static class LoopbackUrls
{
    /// <summary>The URLs with every non-loopback host replaced by 127.0.0.1, and whether any changed.</summary>
    public static (string Urls, bool Changed) Restrict(string urls)
    {
        var changed = false;
        var restricted = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url =>
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd < 0)
            {
                return url;
            }

            var hostStart = schemeEnd + 3;
            var hostEnd = HostEnd(url, hostStart);
            var host = url[hostStart..hostEnd];
            if (IsLoopback(host))
            {
                return url;
            }

            changed = true;
            return string.Concat(url.AsSpan(0, hostStart), "127.0.0.1", url.AsSpan(hostEnd));
        });
        return (string.Join(';', restricted), changed);
    }

    private static int HostEnd(string url, int hostStart)
    {
        if (url.Length > hostStart && url[hostStart] == '[')
        {
            var close = url.IndexOf(']', hostStart);
            return close < 0 ? url.Length : close + 1;
        }

        var end = url.IndexOfAny([':', '/'], hostStart);
        return end < 0 ? url.Length : end;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
