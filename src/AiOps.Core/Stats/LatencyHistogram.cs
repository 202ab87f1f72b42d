namespace AiOps.Core.Stats;

/// <summary>
/// Log-scale latency buckets (10 µs × 1.1^i, up to about 20 minutes). Bucket counts add up exactly across
/// minutes and silos; a percentile is reported within ±5% of the true value.
/// </summary>
public static class LatencyHistogram
{
    private const double Base = 0.01;
    private const double Growth = 1.1;
    public const int MaxBucket = 200;

    public static int BucketOf(double milliseconds)
    {
        if (!(milliseconds > Base))
        {
            return 0;
        }

        var index = (int)Math.Ceiling(Math.Log(milliseconds / Base) / Math.Log(Growth));
        return Math.Min(index, MaxBucket);
    }

    public static void Record(Dictionary<int, long> histogram, double milliseconds)
    {
        var bucket = BucketOf(milliseconds);
        histogram[bucket] = histogram.GetValueOrDefault(bucket) + 1;
    }

    public static void Merge(Dictionary<int, long> into, IReadOnlyDictionary<int, long> from)
    {
        foreach (var (bucket, count) in from)
        {
            into[bucket] = into.GetValueOrDefault(bucket) + count;
        }
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the recorded latencies, or null when none were recorded.</summary>
    public static double? Percentile(IReadOnlyDictionary<int, long> histogram, double quantile)
    {
        var total = histogram.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        foreach (var (bucket, count) in histogram.OrderBy(kv => kv.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return bucket == 0 ? Base : Math.Round(Base * Math.Pow(Growth, bucket - 0.5), 3);
            }
        }

        return null;
    }
}
