using System.Globalization;
using System.Text;

namespace AiOps.Core.Alerts;

/// <summary>
/// Alertmanager's fingerprint of a label set (FNV-1a 64 over the names in order, each name and value followed by
/// a 0xff byte), printed as 16 hex digits: the same id Alertmanager and its UI show for the alert.
/// </summary>
public static class AlertFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const byte Separator = 0xff;

    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        var hash = Offset;
        foreach (var name in labels.Keys.Order(StringComparer.Ordinal))
        {
            hash = Add(hash, name);
            hash = (hash ^ Separator) * Prime;
            hash = Add(hash, labels[name]);
            hash = (hash ^ Separator) * Prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
