using System.Globalization;
using System.Security.Cryptography;

namespace AiOps.Core.Ingest;

/// <summary>Tracking ids: kept when the sender gave one (e.g. Vector's UUID), else <c>req-YYYYMMDD-HHMMSS-8hex</c>.</summary>
public static class TrackingIds
{
    public const int MaxLength = 128;

    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture,
            $"req-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(random)}");
    }

    /// <summary>A given id must be short and made of URL-safe characters: it appears in paths and logs.</summary>
    public static bool IsValid(string id)
    {
        if (id.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
