using AiOps.Core.Ingest.Otlp;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;
using static AiOps.Core.Tests.Ingest.Otlp.Otlp;

namespace AiOps.Core.Tests.Ingest.Otlp;

public sealed class OtlpMetricMapperTests
{
    private static ExportMetricsServiceRequest Request(Resource resource, params Metric[] metrics)
    {
        var scope = new ScopeMetrics();
        scope.Metrics.AddRange(metrics);
        var resourceMetrics = new ResourceMetrics { Resource = resource };
        resourceMetrics.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resourceMetrics);
        return request;
    }

    private static NumberDataPoint Point(double value, params KeyValue[] attributes)
    {
        var point = new NumberDataPoint { AsDouble = value, TimeUnixNano = Nanos(Now.AddSeconds(-10)) };
        point.Attributes.AddRange(attributes);
        return point;
    }

    [Fact]
    public void Gauge_and_sum_points_become_samples_with_attributes_and_host_as_labels()
    {
        var gauge = new Metric { Name = "rf.snr_db", Gauge = new Gauge { DataPoints = { Point(3.5, Attr("beam", "b2")) } } };
        var sum = new Metric { Name = "requests", Sum = new Sum { IsMonotonic = true, AggregationTemporality = AggregationTemporality.Cumulative,
            DataPoints = { new NumberDataPoint { AsInt = 42 } } } };

        var batch = OtlpMetricMapper.Map(Request(Resource(Attr("service.name", "vsat"), Attr("host.name", "h1"), Attr("device.id", "modem-7")), gauge, sum), Defaults, Settings, 100);

        Assert.Empty(batch.Errors);
        var (snr, requests) = (batch.Accepted[0], batch.Accepted[1]);
        Assert.Equal(("rf.snr_db", 3.5, "vsat", "modem-7"), (snr.Metric, snr.Value, snr.Service, snr.DeviceId));
        Assert.Equal(new Dictionary<string, string> { ["beam"] = "b2", ["host.name"] = "h1" }, snr.Labels);
        Assert.Equal(Now.AddSeconds(-10), snr.Ts);
        Assert.Equal(("requests", 42.0, Now), (requests.Metric, requests.Value, requests.Ts));
    }

    [Fact]
    public void Histograms_become_count_and_sum_samples_or_are_rejected_with_the_reason_when_skipped()
    {
        var histogram = new Metric { Name = "latency", Histogram = new Histogram { DataPoints = { new HistogramDataPoint { Count = 7, Sum = 1.25, Attributes = { Attr("tracking_id", "h-1") } } } } };
        var summary = new Metric { Name = "rtt", Summary = new Summary { DataPoints = { new SummaryDataPoint { Count = 2, Sum = 0.5 } } } };

        var kept = OtlpMetricMapper.Map(Request(new Resource(), histogram, summary), Defaults, Settings, 100);
        var skipped = OtlpMetricMapper.Map(Request(new Resource(), histogram, summary), Defaults, new OtlpIngestSettings { Histograms = "skip" }, 100);

        Assert.Equal([("latency_count", 7.0), ("latency_sum", 1.25), ("rtt_count", 2.0), ("rtt_sum", 0.5)], kept.Accepted.Select(s => (s.Metric, s.Value)));
        Assert.Equal(["h-1", "h-1.sum"], kept.Accepted.Take(2).Select(s => s.TrackingId));
        Assert.Null(kept.Accepted[0].Labels);
        Assert.Empty(skipped.Accepted);
        Assert.Equal(2, skipped.Errors.Count);
        Assert.Contains("otlp.histograms: skip", skipped.Errors[0].Error);
    }

    [Fact]
    public void Bad_points_are_rejected_by_place_and_a_staleness_marker_is_passed_over()
    {
        var metric = new Metric { Name = "temp", Gauge = new Gauge { DataPoints = {
            Point(1), new NumberDataPoint(), Point(double.NaN), Point(2, Attr("zone", new string('z', 40))),
            new NumberDataPoint { Flags = (uint)DataPointFlags.NoRecordedValueMask } } } };
        var nameless = new Metric { Name = "bad name!", Gauge = new Gauge { DataPoints = { Point(1) } } };
        var empty = new Metric { Name = "nothing" };

        var batch = OtlpMetricMapper.Map(Request(new Resource(), metric, nameless, empty), Defaults, Settings, 100);

        Assert.Equal(1.0, Assert.Single(batch.Accepted).Value);
        Assert.Equal([1, 2, 3, 5, 6], batch.Errors.Select(e => e.Index));
        Assert.StartsWith("resource_metrics[0].scope_metrics[0].metrics[0].gauge.data_points[1]: field 'value' is required", batch.Errors[0].Error);
        Assert.Contains("finite", batch.Errors[1].Error);
        Assert.Contains("limits.max_label_value_bytes", batch.Errors[2].Error);
        Assert.Contains("field 'metric'", batch.Errors[3].Error);
        Assert.Contains("has no gauge", batch.Errors[4].Error);
    }
}
