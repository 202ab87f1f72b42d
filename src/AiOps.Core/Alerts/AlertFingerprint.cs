using System.Globalization;

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
        var names = labels.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var hash = Offset;
        foreach (var name in names)
        {
            hash = Add(hash, name);
            hash = (hash ^ Separator) * Prime;
            hash = Add(hash, labels[name]);
            hash = (hash ^ Separator) * Prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Hashes the text's UTF-8 bytes without allocating them (every alert takes this path): ASCII is its own
    /// UTF-8, and the rest is encoded a character at a time.
    /// </summary>
    private static ulong Add(ulong hash, string text)
    {
        var i = 0;
        for (; i < text.Length && char.IsAscii(text[i]); i++)
        {
            hash = (hash ^ text[i]) * Prime;
        }

        return i == text.Length ? hash : AddRunes(hash, text.AsSpan(i));
    }

    private static ulong AddRunes(ulong hash, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes()) // a lone surrogate is U+FFFD, as Encoding.UTF8 writes it
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ utf8[i]) * Prime;
            }
        }

        return hash;
    }
}
