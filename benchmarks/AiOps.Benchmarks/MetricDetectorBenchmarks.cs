using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Detection;
using AiOps.Core.Policy;
using BenchmarkDotNet.Attributes;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost per point of the production metric detector on the shipped policies/detect.yaml, and the memory one
/// series takes. Each benchmark invocation handles <see cref="Points"/> points of a warmed-up series, so the
/// reported time divided by <see cref="Points"/> is the cost per point.
/// </summary>
[MemoryDiagnoser]
public class MetricDetectorBenchmarks
{
    public const int Points = 10_000;

    private readonly double[] _values = new double[Points];
    private readonly DateTimeOffset[] _stamps = new DateTimeOffset[Points];
    private CompiledDetectPolicy _policy = null!;
    private ForecastSettings _forecast = null!;
    private MetricSeries _series = null!;
    private ForecastState _state = null!;
    private MetricSample _first = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = PolicyLoader.Load(PolicyFiles.Directory()).Fleet;
        _policy = new CompiledDetectPolicy(policy.Detect, policy.Ingest);
        _forecast = policy.Detect.Stats.Forecast;
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Points; i++)
        {
            _stamps[i] = start.AddSeconds(10 * i);
            _values[i] = 50 + (20 * Math.Sin(i / 500.0)) + random.NextDouble() + (i % 2000 == 1999 ? 60 : 0);
        }

        _first = new MetricSample
        {
            TrackingId = "bench",
            Ts = _stamps[0],
            ShipId = "bench",
            Domain = Domain.App,
            Service = "bench",
            Metric = "queue_depth",
            Value = _values[0],
        };
        _series = new MetricSeries();
        _state = new ForecastState();
        ForecastOnly();
        MetricDetectorPerSample();
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "forecast detector, per point")]
    public int ForecastOnly()
    {
        var fired = 0;
        for (var i = 0; i < Points; i++)
        {
            if (ForecastDetector.Observe(_state, _stamps[i], _values[i], _forecast).Candidate)
            {
                ForecastDetector.StartRefractory(_state, _forecast);
                fired++;
            }
        }

        return fired;
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "production MetricDetector.Detect, per sample")]
    public int MetricDetectorPerSample()
    {
        var fired = 0;
        for (var i = 0; i < Points; i++)
        {
            var sample = new MetricSample
            {
                TrackingId = "bench",
                Ts = _stamps[i],
                ShipId = "bench",
                Domain = Domain.App,
                Service = "bench",
                Metric = "queue_depth",
                Value = _values[i],
            };
            fired += MetricDetector.Detect(sample, _series, _policy) is null ? 0 : 1;
        }

        return fired;
    }

    /// <summary>
    /// Allocated bytes of this benchmark are the memory of one new series with all its state: the window and the
    /// profiles are allocated in full on the first sample. The sample is built once in setup (until session 4 it
    /// was built here, adding its 104 bytes to the figure).
    /// </summary>
    [Benchmark(Description = "one new series, first sample (memory per series)")]
    public MetricSeries NewSeries()
    {
        var series = new MetricSeries();
        MetricDetector.Detect(_first, series, _policy);
        return series;
    }
}
