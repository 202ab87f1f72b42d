namespace AiOps.Core.Detection;

/// <summary>
/// The forecast state as the first version stored it (doubles throughout, about 1.7 KB per series). Kept only
/// so that a series persisted by that version still loads: <see cref="ForecastState.From"/> converts it into
/// the compact state on the series' next point.
/// </summary>
[GenerateSerializer, Alias("aiops.forecast-state.v1")]
public sealed class LegacyForecastState
{

    [Id(0)] public long Points { get; set; }
    [Id(1)] public double Level { get; set; } = double.NaN;
    [Id(2)] public double[] HourOfDay { get; set; } = Unset(ForecastState.HoursPerDay);
    [Id(3)] public double[] HourOfWeek { get; set; } = Unset(ForecastState.HoursPerWeek);

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
