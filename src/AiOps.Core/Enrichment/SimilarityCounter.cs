namespace AiOps.Core.Enrichment;

/// <summary>
/// Counts occurrences by event time in fixed memory: 60 minute buckets for the last hour and 24 hour buckets
/// for the last day. A bucket remembers which minute/hour it holds, so late events land where they belong.
/// </summary>
[GenerateSerializer, Alias("aiops.similarity-counter.v1")]
public sealed class SimilarityCounter
{
    [Id(0)] public long[] MinuteIds { get; set; } = new long[60];
    [Id(1)] public int[] MinuteCounts { get; set; } = new int[60];
    [Id(2)] public long[] HourIds { get; set; } = new long[24];
    [Id(3)] public int[] HourCounts { get; set; } = new int[24];
    [Id(4)] public DateTimeOffset LastSeen { get; set; }

    public void Add(DateTimeOffset ts)
    {
        Bump(MinuteIds, MinuteCounts, MinuteOf(ts));
        Bump(HourIds, HourCounts, HourOf(ts));
        if (ts > LastSeen)
        {
            LastSeen = ts;
        }
    }

    /// <summary>Occurrences in the hour up to <paramref name="at"/>.</summary>
    public int LastHour(DateTimeOffset at) => Sum(MinuteIds, MinuteCounts, MinuteOf(at), 60);

    /// <summary>Occurrences in the 24 hours up to <paramref name="at"/> (hour resolution).</summary>
    public int LastDay(DateTimeOffset at) => Sum(HourIds, HourCounts, HourOf(at), 24);

    private static long MinuteOf(DateTimeOffset ts) => ts.UtcTicks / TimeSpan.TicksPerMinute + 1;

    private static long HourOf(DateTimeOffset ts) => ts.UtcTicks / TimeSpan.TicksPerHour + 1;

    private static void Bump(long[] ids, int[] counts, long id)
    {
        var slot = (int)(id % ids.Length);
        if (ids[slot] != id)
        {
            if (ids[slot] > id)
            {
                return; // older than the bucket's memory: too late to count
            }

            ids[slot] = id;
            counts[slot] = 0;
        }

        counts[slot]++;
    }

    private static int Sum(long[] ids, int[] counts, long current, int span)
    {
        var total = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] > current - span && ids[i] <= current)
            {
                total += counts[i];
            }
        }

        return total;
    }
}
