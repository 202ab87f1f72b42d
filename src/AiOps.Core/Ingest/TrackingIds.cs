using System.Globalization;

namespace AiOps.Core.Ingest;

/// <summary>Tracking ids: kept when the sender gave one (e.g. Vector's UUID), else <c>req-YYYYMMDD-HHMMSS-8hex</c>.</summary>
public static class TrackingIds
{
    public const int MaxLength = 128;

    // The 8 hex digits count on from a random start, so this process never repeats one within a second (an
    // alert storm makes 100,000 ids a second; 32 random bits would collide about once a second, and a repeated
    // id is taken for a redelivery and dropped). The random start keeps silos of a cluster apart.
    private static uint _next = (uint)Random.Shared.NextInt64(0, uint.MaxValue + 1L);

    public static string New(DateTimeOffset now)
    {
        var suffix = Interlocked.Increment(ref _next);
        return string.Create(CultureInfo.InvariantCulture, $"req-{now.UtcDateTime:yyyyMMdd-HHmmss}-{suffix:x8}");
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
