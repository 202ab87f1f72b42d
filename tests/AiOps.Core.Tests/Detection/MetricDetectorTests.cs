using AiOps.Contracts;
using AiOps.Core.Detection;

namespace AiOps.Core.Tests.Detection;

public sealed class MetricDetectorTests
{
    private static List<DetectedAnomaly> Run(string metric, IEnumerable<double> values, TimeSpan step, Domain domain = Domain.System)
    {
        var series = new MetricSeries();
        var found = new List<DetectedAnomaly>();
        var ts = Make.T0;
        foreach (var value in values)
        {
            if (MetricDetector.Detect(Make.Sample(metric, value, ts, domain), series, TestPolicies.Detect) is { } hit)
            {
                found.Add(hit);
            }

            ts += step;
        }

        return found;
    }

    [Fact]
    public void A_minimum_rule_fires_once_the_breach_has_lasted_its_duration()
    {
        // rf_snr_min: below 7.0 for 60 s. Healthy, then 5 samples 20 s apart below the limit.
        var values = Enumerable.Repeat(14.0, 30).Concat(Enumerable.Repeat(3.0, 5));

        var hits = Run("rf_snr_db", values, TimeSpan.FromSeconds(20), Domain.Comms);

        var hit = Assert.Single(hits, h => h.Anomaly.Detector == "threshold");
        Assert.Equal("rf_snr_min", hit.Anomaly.AnomalyType);
        Assert.Equal("link_degradation", hit.IncidentType);
        Assert.Equal(7.0, hit.Anomaly.Threshold);
        Assert.Equal(0.95, hit.Anomaly.Score);
        Assert.Equal(Make.T0 + TimeSpan.FromSeconds(20 * 33), hit.Anomaly.Ts);
    }

    [Fact]
    public void A_breach_shorter_than_its_duration_does_not_fire_the_rule()
    {
        // cpu_pct_high needs 120 s above 85; 60 s of it is not enough.
        var values = Enumerable.Repeat(40.0, 30).Concat(Enumerable.Repeat(95.0, 3)).Concat(Enumerable.Repeat(40.0, 10));

        var hits = Run("cpu_pct", values, TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(hits, h => h.Anomaly.Detector == "threshold");
    }

    [Fact]
    public void A_rule_fires_again_only_after_the_metric_recovered()
    {
        var breach = Enumerable.Repeat(95.0, 10);
        var values = Enumerable.Repeat(40.0, 30).Concat(breach).Concat(Enumerable.Repeat(40.0, 5)).Concat(breach);

        var hits = Run("cpu_pct", values, TimeSpan.FromSeconds(30)).Where(h => h.Anomaly.Detector == "threshold").ToList();

        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal("resource_pressure", h.IncidentType));
    }

    [Fact]
    public void A_healthy_metrics_small_wobble_is_noise()
    {
        // CPU around 20% with ±0.2 jitter, well past warm-up, then a 3% step that lasts: many sigmas of the
        // jitter and clearly a change, but not material to an operator.
        var random = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => 20 + (random.NextDouble() - 0.5) * 0.4)
            .Concat(Enumerable.Range(0, 50).Select(_ => 20.6 + (random.NextDouble() - 0.5) * 0.4));

        Assert.Empty(Run("cpu_pct", values, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public void The_same_step_made_material_is_an_anomaly()
    {
        // The control for the wobble test: the same series stepping by 30% is found, by the forecast detector.
        var random = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => 20 + (random.NextDouble() - 0.5) * 0.4)
            .Concat(Enumerable.Range(0, 50).Select(_ => 26 + (random.NextDouble() - 0.5) * 0.4));

        var hit = Assert.Single(Run("cpu_pct", values, TimeSpan.FromSeconds(15)));
        Assert.Equal("forecast", hit.Anomaly.Detector);
        Assert.Equal(Make.T0 + TimeSpan.FromSeconds(15 * 1000), hit.Anomaly.Ts);
    }

    [Fact]
    public void A_large_spike_on_an_unruled_metric_is_a_statistical_anomaly_once()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 400).Select(_ => 100 + (random.NextDouble() - 0.5) * 4)
            .Concat([400, 420, 410])
            .Concat(Enumerable.Range(0, 50).Select(_ => 100 + (random.NextDouble() - 0.5) * 4));

        var hits = Run("queue_depth", values, TimeSpan.FromSeconds(10), Domain.App);

        var hit = Assert.Single(hits);
        Assert.Equal("forecast", hit.Anomaly.Detector);
        Assert.Equal("forecast_deviation", hit.Anomaly.AnomalyType);
        Assert.Equal(Make.T0 + TimeSpan.FromSeconds(10 * 400), hit.Anomaly.Ts);
        Assert.Equal("app_degradation", hit.IncidentType);
        Assert.InRange(hit.Anomaly.Score, 0.5, 0.95);
    }

    [Fact]
    public void A_ruled_metric_moving_the_harmless_way_is_not_an_anomaly()
    {
        // SNR improving sharply is good news, not an incident.
        var values = Enumerable.Repeat(10.0, 400).Concat(Enumerable.Repeat(25.0, 3));

        Assert.Empty(Run("rf_snr_db", values, TimeSpan.FromSeconds(10), Domain.Comms));
    }

    [Fact]
    public void Statistical_detectors_wait_for_their_warm_up()
    {
        var values = Enumerable.Repeat(10.0, TestPolicies.Shipped.Detect.Stats.Forecast.WarmupPoints - 1).Append(80);

        Assert.Empty(Run("queue_depth", values, TimeSpan.FromSeconds(10), Domain.App));
    }
}
