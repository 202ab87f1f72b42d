using AiOps.Core.Detection;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Detection;

public sealed class ForecastDetectorTests
{
    private static readonly ForecastSettings Settings = TestPolicies.Shipped.Detect.Stats.Forecast;
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>Runs a series through one fresh state and returns the indexes of the candidates it fires.</summary>
    private static List<int> Fired(IReadOnlyList<double> values, TimeSpan step, ForecastState? state = null) =>
        Verdicts(values, step, Settings, state).Select(pair => pair.Index).ToList();

    /// <summary>The candidates a series fires, with their indexes, each starting the refractory period.</summary>
    private static List<(int Index, ForecastVerdict Verdict)> Verdicts(
        IReadOnlyList<double> values, TimeSpan step, ForecastSettings settings, ForecastState? state = null)
    {
        state ??= new ForecastState();
        var fired = new List<(int, ForecastVerdict)>();
        for (var i = 0; i < values.Count; i++)
        {
            var verdict = ForecastDetector.Observe(state, Make.T0 + (i * step), values[i], settings);
            if (verdict.Candidate)
            {
                ForecastDetector.StartRefractory(state, settings);
                fired.Add((i, verdict));
            }
        }

        return fired;
    }

    /// <summary>A quiet series around 10 with the given values placed at the given indexes.</summary>
    private static List<double> Quiet(int length, params (int At, double Value)[] placed)
    {
        var random = new Random(6);
        var values = Enumerable.Range(0, length).Select(_ => 10 + random.NextDouble()).ToList();
        foreach (var (at, value) in placed)
        {
            values[at] = value;
        }

        return values;
    }

    private static double Daily(int i, TimeSpan step, Random random) =>
        50 + (30 * Math.Sin(2 * Math.PI * (i * step).TotalHours / 24)) + random.NextDouble();

    [Fact]
    public void A_daily_cycle_is_learnt_and_not_an_anomaly()
    {
        // Two weeks of a strong daily cycle at five-minute samples: the hour-of-day profile predicts it.
        var random = new Random(1);
        var values = Enumerable.Range(0, 14 * 288).Select(i => Daily(i, FiveMinutes, random)).ToList();

        Assert.Empty(Fired(values, FiveMinutes));
    }

    [Fact]
    public void A_jump_in_a_daily_cycle_is_found_where_it_starts()
    {
        // Ten days of the cycle, then the same cycle 40% higher.
        var random = new Random(2);
        var values = Enumerable.Range(0, 11 * 288).Select(i => Daily(i, FiveMinutes, random) + (i >= 10 * 288 ? 20 : 0)).ToList();

        var fired = Fired(values, FiveMinutes);

        var first = Assert.Single(fired);
        Assert.InRange(first, 10 * 288, (10 * 288) + 24);
    }

    [Fact]
    public void A_run_of_spikes_fires_once_per_refractory_period()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 1000).Select(i => 10 + random.NextDouble() + (i >= 500 && i % 10 == 0 ? 40 : 0)).ToList();

        var fired = Fired(values, TimeSpan.FromSeconds(10));

        Assert.Equal(500, fired[0]);
        Assert.All(fired.Zip(fired.Skip(1)), pair => Assert.True(pair.Second - pair.First > Settings.RefractoryPoints));
    }

    [Fact]
    public void A_slow_drift_to_a_level_never_seen_is_found_by_the_drift_channel()
    {
        // A noisy series whose level creeps up by about 4% of its noise per point for 200 points: never
        // surprising point to point, yet soon far from anything seen before.
        var random = new Random(4);
        var values = Enumerable.Range(0, 2000).Select(i => 20 + (4 * random.NextDouble()) + (0.05 * Math.Clamp(i - 1500, 0, 200))).ToList();
        var state = new ForecastState();
        var verdicts = new List<ForecastVerdict>();
        for (var i = 0; i < values.Count; i++)
        {
            var verdict = ForecastDetector.Observe(state, Make.T0 + (i * TimeSpan.FromMinutes(1)), values[i], Settings);
            if (verdict.Candidate)
            {
                ForecastDetector.StartRefractory(state, Settings);
                verdicts.Add(verdict);
            }
        }

        var first = Assert.Single(verdicts.Take(1));
        Assert.Equal("level_drift", first.AnomalyType);
        Assert.InRange(first.Expected, 19, 26);
    }

    [Fact]
    public void Nothing_fires_before_the_warm_up_however_wild_the_series()
    {
        var values = Enumerable.Range(0, Settings.WarmupPoints).Select(i => i % 2 == 0 ? 0.0 : 1e6).ToList();

        Assert.Empty(Fired(values, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_state_stays_the_same_size_however_long_the_series()
    {
        var state = new ForecastState();
        var random = new Random(5);
        for (var i = 0; i < 100_000; i++)
        {
            ForecastDetector.Observe(state, Make.T0 + (i * TimeSpan.FromSeconds(7)), random.NextDouble(), Settings);
        }

        Assert.Equal(ForecastState.ProfileBytes + (sizeof(float) * Settings.ShortPoints), state.Slots.Length);
        Assert.Equal(Settings.ShortPoints, state.RecentCapacity);
        Assert.Equal(100_000, state.Points);
    }

    [Fact]
    public void The_shipped_settings_are_valid_and_a_bad_one_is_named()
    {
        Assert.Empty(Settings.Validate());
        var bad = new ForecastSettings { Likelihood = 1.5 };

        var issue = Assert.Single(bad.Validate());
        Assert.Equal("stats.forecast.likelihood", issue.KeyPath);
    }

    [Fact]
    public void A_far_larger_spike_during_the_refractory_period_is_reported_as_a_new_extreme()
    {
        // The first spike starts the refractory period; the second, far beyond anything seen, must not hide.
        var values = Quiet(1000, (400, 30), (450, 60));

        var fired = Verdicts(values, TimeSpan.FromMinutes(1), Settings);

        Assert.Equal([400, 450], fired.Select(pair => pair.Index));
        Assert.Equal("forecast_deviation", fired[0].Verdict.AnomalyType);
        Assert.Equal("new_extreme", fired[1].Verdict.AnomalyType);
        Assert.InRange(fired[1].Verdict.Expected, 9, 12);
    }

    [Fact]
    public void A_spike_still_rising_is_one_anomaly()
    {
        // Each point beyond the last, but one excursion: the refractory period holds until it is over.
        var values = Quiet(1000, (400, 30), (401, 45), (402, 60));

        Assert.Equal([400], Fired(values, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_value_just_past_the_range_of_a_noisy_series_is_not_novel()
    {
        // Uniform noise between 0 and 10, then 11: past every value seen, but within the forecast's own error,
        // so no new extreme. Without the surprise requirement the same point would fire.
        var random = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => 10 * random.NextDouble()).ToList();
        values[700] = 11;
        var ungated = Copy(Settings);
        ungated.NoveltyMinSurprise = 0;

        Assert.DoesNotContain(700, Fired(values, TimeSpan.FromMinutes(1)));
        Assert.Contains(700, Verdicts(values, TimeSpan.FromMinutes(1), ungated).Select(pair => pair.Index));
    }

    [Fact]
    public void The_novelty_margin_scales_with_the_series_magnitude_not_its_range()
    {
        // A quiet series between 100 and 101: a fall to 98 is past its floor by twice its range but by 2% of
        // its level, so it is not a new extreme (it would be with a range-relative margin); a fall to 90 is.
        var random = new Random(6);
        List<double> Around100(double low) =>
            [.. Enumerable.Range(0, 1000).Select(i => i switch { 400 => 140, 450 => low, _ => 100 + random.NextDouble() })];

        var sliver = Verdicts(Around100(98), TimeSpan.FromMinutes(1), Settings);
        var fall = Verdicts(Around100(90), TimeSpan.FromMinutes(1), Settings);

        Assert.Equal([400], sliver.Select(pair => pair.Index));
        Assert.Equal([400, 450], fall.Select(pair => pair.Index));
        Assert.Equal("new_extreme", fall[1].Verdict.AnomalyType);
    }

    [Fact]
    public void A_novelty_margin_of_zero_turns_the_channel_off()
    {
        var off = Copy(Settings);
        off.NoveltyMargin = 0;
        var values = Quiet(1000, (400, 30), (450, 60));

        Assert.Equal([400], Verdicts(values, TimeSpan.FromMinutes(1), off).Select(pair => pair.Index));
    }

    private static ForecastSettings Copy(ForecastSettings settings) =>
        System.Text.Json.JsonSerializer.Deserialize<ForecastSettings>(System.Text.Json.JsonSerializer.Serialize(settings))!;
}
