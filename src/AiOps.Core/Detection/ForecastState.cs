namespace AiOps.Core.Detection;

/// <summary>
/// What the forecast detector remembers of one series: three predictors with their typical errors, the
/// recent surprise and its long-run distribution, a slow level for drifts, the range seen so far, and the
/// refractory countdown.
/// About 1.7 KB per series whatever its length (24 + 168 profile slots).
/// </summary>
[GenerateSerializer, Alias("aiops.forecast-state.v1")]
public sealed class ForecastState
{
    public const int HoursPerDay = 24;
    public const int HoursPerWeek = 168;

    [Id(0)] public long Points { get; set; }
    [Id(1)] public double Level { get; set; } = double.NaN;
    [Id(2)] public double[] HourOfDay { get; set; } = Unset(HoursPerDay);
    [Id(3)] public double[] HourOfWeek { get; set; } = Unset(HoursPerWeek);

    /// <summary>Typical absolute error of each predictor (level, hour of day, hour of week); NaN until seen.</summary>
    [Id(4)] public double[] TypicalError { get; set; } = Unset(ForecastDetector.Predictors);

    [Id(5)] public double[] RecentSurprise { get; set; } = [];
    [Id(6)] public int RecentNext { get; set; }
    [Id(7)] public int RecentCount { get; set; }
    [Id(8)] public double SurpriseMean { get; set; }
    [Id(9)] public double SurpriseVariance { get; set; } = 1.0;
    [Id(10)] public double DriftLevel { get; set; } = double.NaN;
    [Id(11)] public double DriftVariance { get; set; }
    [Id(12)] public int Refractory { get; set; }

    /// <summary>The lowest and highest values seen so far (the novelty channel's range); NaN until seen.</summary>
    [Id(13)] public double Lowest { get; set; } = double.NaN;
    [Id(14)] public double Highest { get; set; } = double.NaN;

    /// <summary>True from a detection until a point no longer surprises the forecast: one excursion.</summary>
    [Id(15)] public bool InExcursion { get; set; }

    private static double[] Unset(int length)
    {
        var slots = new double[length];
        Array.Fill(slots, double.NaN);
        return slots;
    }
}
