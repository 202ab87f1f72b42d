namespace AiOps.Core.Detection;

/// <summary>Order statistics over small windows (tens of values).</summary>
public static class RobustStats
{
    /// <summary>Sorts <paramref name="values"/> in place and returns its quantile by linear interpolation.</summary>
    public static double Quantile(double[] values, double q)
    {
        Array.Sort(values);
        return SortedQuantile(values, q);
    }

    public static double SortedQuantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>Median and median absolute deviation; sorts <paramref name="values"/> in place.</summary>
    public static (double Median, double Mad) MedianAndMad(double[] values)
    {
        Array.Sort(values);
        var median = SortedQuantile(values, 0.5);
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }

        Array.Sort(deviations);
        return (median, SortedQuantile(deviations, 0.5));
    }
}
