using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Detection;
using AiOps.Core.Policy;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Integration.Tests.Grains;

/// <summary>
/// A metric series' state as grain storage writes it (the generated Orleans serializer): at most 1 KB with full
/// profiles and a full window, the same decisions after a round trip, and a state the first (all-double)
/// version wrote still loads and goes on deciding as that version did.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class MetricSeriesStateTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private static readonly CompiledDetectPolicy Policy = Compile();

    /// <summary>
    /// Recorded with the first version (commit d3be1c8): the series after points 0..2999 of <see cref="Generate"/>
    /// serialized (Data/metric-series-v1.b64, 3,110 bytes at the end of the run), and the points from 3000 on
    /// that <c>MetricDetector.Detect</c> then reported.
    /// </summary>
    private static readonly int[] FirstVersionDetectionsFrom3000 = [3781, 4554, 5122, 6128, 7433, 8108, 9744, 11662];

    [Fact]
    public void A_series_with_full_profiles_and_window_serializes_to_at_most_1_KB()
    {
        var series = new MetricSeries();
        var points = Generate(12000, 3);
        foreach (var (ts, value) in points)
        {
            MetricDetector.Detect(Sample(ts, value), series, Policy);
        }

        var bytes = Serializer.SerializeToArray(series);

        Assert.All(Enumerable.Range(0, ForecastState.HoursPerWeek), h => Assert.False(double.IsNaN(series.Forecast.HourOfWeek(h))));
        Assert.Equal(Policy.Source.Stats.Mad.MaxWindowSamples, series.WindowCount);
        Assert.InRange(bytes.Length, 1, 1024);
    }

    [Fact]
    public void A_series_read_back_decides_as_the_one_that_was_never_stored()
    {
        var points = Generate(12000, 3);
        var kept = new MetricSeries();
        var stored = new MetricSeries();
        var keptHits = new List<int>();
        var storedHits = new List<int>();
        for (var i = 0; i < points.Length; i++)
        {
            if (i % 2500 == 1)
            {
                stored = Serializer.Deserialize<MetricSeries>(Serializer.SerializeToArray(stored)) ?? throw new InvalidOperationException("no state");
            }

            if (MetricDetector.Detect(Sample(points[i].Ts, points[i].Value), kept, Policy) is not null)
            {
                keptHits.Add(i);
            }

            if (MetricDetector.Detect(Sample(points[i].Ts, points[i].Value), stored, Policy) is not null)
            {
                storedHits.Add(i);
            }
        }

        Assert.NotEmpty(keptHits);
        Assert.Equal(keptHits, storedHits);
        Assert.Equal(kept.WindowValues(), stored.WindowValues());
    }

    [Fact]
    public void A_state_written_by_the_first_version_loads_and_goes_on_deciding_as_before()
    {
        var payload = Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Grains", "Data", "metric-series-v1.b64")));
        var series = Serializer.Deserialize<MetricSeries>(payload) ?? throw new InvalidOperationException("no state");

        Assert.NotNull(series.LegacyForecast);
        Assert.Equal(3000, series.Count);
        var legacyDaily = series.LegacyForecast.HourOfDay.ToArray();
        var points = Generate(12000, 3);
        var hits = new List<int>();
        for (var i = 3000; i < points.Length; i++)
        {
            if (MetricDetector.Detect(Sample(points[i].Ts, points[i].Value), series, Policy) is not null)
            {
                hits.Add(i);
            }

            if (i == 3000)
            {
                // Converted on the first point: the profiles carried over (the slot of point 3000's hour moved on).
                Assert.Null(series.LegacyForecast);
                Assert.Equal(3001, series.Forecast.Points);
                var hour = points[i].Ts.UtcDateTime.Hour;
                Assert.All(Enumerable.Range(0, 24).Where(h => h != hour), h => Assert.Equal(legacyDaily[h], series.Forecast.HourOfDay(h), 0.05));
            }
        }

        Assert.Equal(FirstVersionDetectionsFrom3000, hits);
    }

    /// <summary>The generator the recorded payload and decisions came from (as Core.Tests' SeasonalSeries).</summary>
    private static (DateTimeOffset Ts, double Value)[] Generate(int n, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var points = new (DateTimeOffset, double)[n];
        for (var i = 0; i < n; i++)
        {
            var ts = start.AddMinutes(10 * i);
            var hour = ts.Hour + (ts.Minute / 60.0);
            var weekend = ts.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? -25 : 0;
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var value = 1000 + (300 * Math.Sin(2 * Math.PI * hour / 24)) + weekend + (8 * noise);
            value += i > n * 7 / 10 ? 150 : 0;
            value += i % 1777 == 1000 ? 900 : 0;
            value -= i % 2311 == 500 ? 700 : 0;
            points[i] = (ts, value);
        }

        return points;
    }

    private static MetricSample Sample(DateTimeOffset ts, double value) => new()
    {
        TrackingId = "t",
        Ts = ts,
        ShipId = "s",
        Domain = Domain.App,
        Service = "svc",
        Metric = "queue_depth",
        Value = value,
    };

    private static CompiledDetectPolicy Compile()
    {
        var policy = PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies")).Fleet;
        return new CompiledDetectPolicy(policy.Detect, policy.Ingest);
    }
}
