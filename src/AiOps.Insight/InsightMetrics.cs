using System.Diagnostics.Metrics;

namespace AiOps.Insight;

/// <summary>The Insight Path's instruments (meter <c>AiOps.Insight</c>) for <c>/metrics</c> and the SLO alerts.</summary>
public sealed class InsightMetrics : IDisposable
{
    public const string MeterName = "AiOps.Insight";

    private static readonly double[] Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

    private readonly Meter _meter;

    /// <summary>The Insight Path latency histogram's bucket bounds (seconds), for its empty series on a fresh host.</summary>
    public static IReadOnlyList<double> LatencyBucketBounds => Buckets;

    public const string LatencyHelp = "Insight Path latency from request to insight on the incident";

    public InsightMetrics(IMeterFactory meters, IInsightQueue queue)
    {
        _meter = meters.Create(MeterName);
        Latency = _meter.CreateHistogram<double>("aiops.insight.latency", "s", LatencyHelp,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        Insights = _meter.CreateCounter<long>("aiops.insight.completed", "{insight}", "Insights written, by source (llm, cache, fallback)");
        LlmCalls = _meter.CreateCounter<long>("aiops.llm.calls", "{call}", "Model calls, by result (success, timeout, error, unusable)");
        Cache = _meter.CreateCounter<long>("aiops.llm.cache", "{lookup}", "Insight cache lookups, by result (hit, miss)");
        Fallbacks = _meter.CreateCounter<long>("aiops.insight.fallbacks", "{insight}", "Rule-based insights, by reason");
        _meter.CreateObservableGauge("aiops.insight.queue_depth", () => queue.Count, "{request}", "Requests waiting for the Insight Path");
    }

    public Histogram<double> Latency { get; }
    public Counter<long> Insights { get; }
    public Counter<long> LlmCalls { get; }
    public Counter<long> Cache { get; }
    public Counter<long> Fallbacks { get; }

    public void Dispose() => _meter.Dispose();
}
