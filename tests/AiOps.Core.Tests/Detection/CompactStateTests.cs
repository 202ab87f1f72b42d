using AiOps.Core.Detection;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Detection;

/// <summary>
/// The compact series state (16-bit profile and window codes, float surprises) decides as the first,
/// all-double version did, and one series with full profiles and a full window stays within 1 KB.
/// </summary>
public sealed class CompactStateTests
{
    private static readonly ForecastSettings Settings = TestPolicies.Shipped.Detect.Stats.Forecast;

    /// <summary>Recorded from the all-double detector (commit d3be1c8) on <c>SeasonalSeries.Generate(12000, 3)</c>.</summary>
    private static readonly (int Index, string Type)[] DoubleDetectorDecisions =
    [
        (500, "forecast_deviation"), (1000, "new_extreme"), (2005, "forecast_deviation"), (2777, "forecast_deviation"),
        (2811, "new_extreme"), (3781, "forecast_deviation"), (4554, "forecast_deviation"), (5122, "forecast_deviation"),
        (6128, "forecast_deviation"), (7433, "forecast_deviation"), (8108, "forecast_deviation"),
        (9744, "forecast_deviation"), (11662, "forecast_deviation"),
    ];

    [Fact]
    public void The_compact_state_makes_the_same_decisions_as_the_double_state()
    {
        var state = new ForecastState();
        var fired = new List<(int, string)>();
        var points = SeasonalSeries.Generate(12000, 3);
        for (var i = 0; i < points.Length; i++)
        {
            var verdict = ForecastDetector.Observe(state, points[i].Ts, points[i].Value, Settings);
            if (verdict.Candidate)
            {
                ForecastDetector.StartRefractory(state, Settings);
                fired.Add((i, verdict.AnomalyType));
            }
        }

        Assert.Equal(DoubleDetectorDecisions, fired);
    }

    [Fact]
    public void The_profiles_keep_each_value_to_a_fraction_of_the_range()
    {
        var state = new ForecastState();
        state.EnsureCapacity(Settings.ShortPoints);
        var random = new Random(8);
        var expected = new double[ForecastState.HoursPerWeek];
        for (var hour = 0; hour < ForecastState.HoursPerWeek; hour++)
        {
            // Values spread over six orders of magnitude, so the range widens many times.
            expected[hour] = Math.Pow(10, 6 * random.NextDouble()) * (hour % 2 == 0 ? 1 : -1);
            state.SetProfiles(hour % ForecastState.HoursPerDay, expected[hour], hour, expected[hour], expected[hour]);
        }

        var range = expected.Max() - expected.Min();
        for (var hour = 0; hour < ForecastState.HoursPerWeek; hour++)
        {
            Assert.InRange(state.HourOfWeek(hour), expected[hour] - (range * 1e-4), expected[hour] + (range * 1e-4));
        }

        Assert.True(double.IsNaN(new ForecastState { Slots = new byte[ForecastState.ProfileBytes] }.HourOfDay(3)));
    }

    [Fact]
    public void The_window_keeps_values_and_their_times_across_long_gaps()
    {
        var series = new MetricSeries();
        var t0 = Make.T0;
        for (var i = 0; i < 10; i++)
        {
            series.Remember(100 + i, t0.AddSeconds(30 * i), 64);
        }

        // Two days later (past the 16-bit seconds of the first base): the old samples are no longer recent.
        var later = t0.AddDays(2);
        series.Remember(5000, later, 64);
        series.Remember(-5000, later.AddSeconds(30), 64);

        Assert.Equal([5000, -5000], series.RecentValues(later.AddSeconds(-600)).Select(v => Math.Round(v)));
        Assert.Equal(12, series.WindowValues().Length);
        Assert.Equal(Enumerable.Range(100, 5).Select(v => (double)v), series.RecentValues(t0).Take(5).Select(v => Math.Round(v)));
        Assert.InRange(series.WindowValues()[3], 103 - 0.25, 103 + 0.25);
    }

    [Fact]
    public void One_series_with_full_state_takes_at_most_1_KB_of_memory()
    {
        var samples = SeasonalSeries.Generate(3000, 4)
            .Select(p => Make.Sample("queue_depth", p.Value, p.Ts))
            .ToArray();
        MetricDetector.Detect(samples[0], new MetricSeries(), TestPolicies.Detect); // JIT and statics first

        var before = GC.GetAllocatedBytesForCurrentThread();
        var series = new MetricSeries();
        MetricDetector.Detect(samples[0], series, TestPolicies.Detect);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        foreach (var sample in samples.Skip(1))
        {
            MetricDetector.Detect(sample, series, TestPolicies.Detect);
        }

        Assert.InRange(allocated, 1, 1024);
        Assert.Equal(4 * TestPolicies.Shipped.Detect.Stats.Mad.MaxWindowSamples, series.Window.Length);
        Assert.Equal(ForecastState.ProfileBytes + (sizeof(float) * Settings.ShortPoints), series.Forecast.Slots.Length);
        Assert.All(Enumerable.Range(0, ForecastState.HoursPerWeek), h => Assert.False(double.IsNaN(series.Forecast.HourOfWeek(h))));
    }
}
